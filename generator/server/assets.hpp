// The web page's files (web/), embedded in the executable at build time by
// embed_assets.cmake: the application works with no network and no files beside it.
#pragma once
#include <string_view>

namespace trame::server {

struct Asset {
  std::string_view path;  // "/app.js"
  std::string_view type;  // MIME type
  std::string_view bytes;
};

const Asset* find_asset(std::string_view path);  // nullptr if unknown

}  // namespace trame::server
