// A synthetic document with every block type, French typography, a name outside
// CP1252 and a table long enough to break across pages: shared by the writer tests.
#pragma once
#include "document/document.hpp"

namespace trame::test {

doc::Document sample_document(int table_rows = 80);

}  // namespace trame::test
