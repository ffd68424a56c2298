// Each command registers its options on the CLI11 app and a function to run.
#pragma once
#include <functional>
#include <CLI/CLI.hpp>
#include <vector>

#include "common/diagnostic.hpp"

namespace trame::cli {

class Registry {
 public:
  void add(CLI::App* sub, std::function<int()> run) { entries_.push_back({sub, std::move(run)}); }
  int run() const {
    for (const auto& [sub, fn] : entries_)
      if (sub->parsed()) return fn();
    return 2;
  }

 private:
  std::vector<std::pair<CLI::App*, std::function<int()>>> entries_;
};

void register_commands(CLI::App& app, Registry& registry);

// Warnings on stderr, one a line, in Diagnostic::format()'s form ("[id] file: (pointer)
// avertissement : message"); they never change the exit code.
void print_warnings(const std::vector<Diagnostic>& warnings);

// A --date option: empty or a calendar date AAAA-MM-JJ (else Error(Usage) in French).
void check_date_option(const std::string& date);

void register_validate(CLI::App& app, Registry& registry);
void register_render(CLI::App& app, Registry& registry);
void register_documents(CLI::App& app, Registry& registry);
void register_funding(CLI::App& app, Registry& registry);
void register_pack(CLI::App& app, Registry& registry);
void register_batch(CLI::App& app, Registry& registry);
void register_effective(CLI::App& app, Registry& registry);
// cmd_sign.cpp
void register_sign(CLI::App& app, Registry& registry);
// generator/server/cli_serve.cpp
void register_serve(CLI::App& app, Registry& registry);
void register_nouveau(CLI::App& app, Registry& registry);

}  // namespace trame::cli
