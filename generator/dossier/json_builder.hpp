// The handler given to nlohmann's SAX parser (json::sax_parse, its public
// interface) to build the document as json::parse builds it, and to notice on
// the way what would otherwise need passes of their own over the text: the
// nesting depth and an object's member count (input_limits.hpp), a member
// written twice (SourceMap's duplicate scan), an integer too big for a signed
// one (check_numbers). Only positions are left to those scans, run when there
// is something to report.
#pragma once
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "dossier/input_limits.hpp"

namespace trame::dossier {

class JsonBuilder {
 public:
  using json = nlohmann::json;
  struct LimitExceeded {};  // thrown at the first container past kMaxDepth or member past kMaxMembers

  explicit JsonBuilder(json& root) : root_(root) { stack_.reserve(16); }

  bool duplicates() const { return duplicates_; }
  // An integer above 2^63 - 1 (check_numbers says where).
  bool huge_numbers() const { return huge_numbers_; }

  bool null() { return put(nullptr), true; }
  bool boolean(bool v) { return put(v), true; }
  bool number_integer(json::number_integer_t v) { return put(v), true; }
  bool number_unsigned(json::number_unsigned_t v) {
    if (v > static_cast<json::number_unsigned_t>(std::numeric_limits<json::number_integer_t>::max())) huge_numbers_ = true;
    return put(v), true;
  }
  bool number_float(json::number_float_t v, const std::string&) { return put(v), true; }
  bool string(json::string_t& v) { return put(v), true; }
  bool binary(json::binary_t& v) { return put(json::binary(v)), true; }
  bool start_object(std::size_t) { return open(json::value_t::object), true; }
  bool start_array(std::size_t) { return open(json::value_t::array), true; }
  bool end_object() { return stack_.pop_back(), true; }
  bool end_array() { return stack_.pop_back(), true; }

  // As json::parse: a member written twice keeps its last value.
  bool key(json::string_t& k) {
    Frame& f = stack_.back();
    if (++f.members > kMaxMembers) throw LimitExceeded{};
    auto& object = f.container->get_ref<json::object_t&>();
    auto [it, inserted] = object.try_emplace(k);
    if (!inserted) duplicates_ = true;
    member_ = &it->second;
    return true;
  }

  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& e) {
    throw e;  // its own type (parse_error, out_of_range), as json::parse throws it
  }

 private:
  struct Frame {
    json* container;
    bool array;
    std::size_t members = 0;
  };
  json& root_;
  std::vector<Frame> stack_;
  json* member_ = nullptr;  // the object member whose value comes next
  bool duplicates_ = false;
  bool huge_numbers_ = false;

  template <class V>
  json* put(V&& v) {
    if (stack_.empty()) {
      root_ = json(std::forward<V>(v));
      return &root_;
    }
    Frame& f = stack_.back();
    if (f.array) {
      auto& array = f.container->get_ref<json::array_t&>();
      array.emplace_back(std::forward<V>(v));
      return &array.back();
    }
    *member_ = json(std::forward<V>(v));
    return member_;
  }

  void open(json::value_t type) {
    json* c = put(json(type));
    stack_.push_back(Frame{c, type == json::value_t::array});
    if (stack_.size() > static_cast<std::size_t>(kMaxDepth)) throw LimitExceeded{};
  }
};

}  // namespace trame::dossier
