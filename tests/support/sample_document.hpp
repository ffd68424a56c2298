// A synthetic document with every block type, French typography, a name outside
// CP1252 and a table long enough to break across pages: shared by the writer tests.
#pragma once
#include <string>

#include "document/document.hpp"

namespace trame::test {

doc::Document sample_document(int table_rows = 80);

// A document with no block yet and these metadata (the others keep their defaults).
doc::Document empty_document(const std::string& title, const std::string& author, const std::string& date,
                             const std::string& header);

// A table's total row: « Total » across the first two columns, then `amount` on the right.
doc::TableRow total_row(const std::string& amount);

}  // namespace trame::test
