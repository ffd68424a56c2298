// Load benchmark of trame serve (not a test): concurrent keep-alive clients on
// the loopback, each sending the same request in a bounded loop; prints the
// throughput, latency percentiles and the server's resident memory (VmRSS of
// --pid) before and after. Run by bench/bench_serve.sh.
//
// trame_bench_serve --port P --pid PID --path /api/documents/contrat-aci.pdf
//                   --body samples/sud-manche.json [--clients 16] [--requests 2000] [--csrf TOKEN]
//                   [--summary FILE]   (appends "req/s p50 p90 p99 max errors busy rss_before rss_after", tab-separated)
// A 503 (server busy, Retry-After) is counted apart from the errors (lost
// connections, timeouts, other statuses): the client does not retry it.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

static long rss_kib(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

// CPU time the process has used (user + system), in milliseconds.
static double cpu_ms(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream rest(all.substr(all.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i)
    if (i == 14 || i == 15) ticks += std::stod(field);
  return ticks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

int main(int argc, char** argv) {
  int port = 0, pid = 0, clients = 16, requests = 2000;
  std::string path, body_file, csrf, summary;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--port") port = std::stoi(v);
    else if (k == "--pid") pid = std::stoi(v);
    else if (k == "--clients") clients = std::stoi(v);
    else if (k == "--requests") requests = std::stoi(v);
    else if (k == "--path") path = v;
    else if (k == "--body") body_file = v;
    else if (k == "--csrf") csrf = v;
    else if (k == "--summary") summary = v;
  }
  if (!port || path.empty()) {
    std::cerr << "usage : trame_bench_serve --port P --pid PID --path CHEMIN [--body FICHIER] [--clients N] [--requests N]\n";
    return 2;
  }
  std::string body;
  if (!body_file.empty()) {
    std::ifstream in(body_file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    body = ss.str();
  }
  const long rss_before = pid ? rss_kib(pid) : -1;
  const double cpu_before = pid ? cpu_ms(pid) : 0;
  std::atomic<int> next{0}, errors{0}, busy{0};
  std::atomic<long long> bytes{0};
  std::vector<std::vector<double>> latencies(clients);
  auto worker = [&](int k) {
    httplib::Client c("127.0.0.1", port);  // loopback only
    c.set_keep_alive(true);
    c.set_tcp_nodelay(true);
    c.set_read_timeout(60, 0);
    httplib::Headers h{{"X-CSRF-Token", csrf}, {"Origin", "http://127.0.0.1:" + std::to_string(port)}};
    while (next.fetch_add(1) < requests) {  // bounded: stops after --requests in all
      auto t0 = std::chrono::steady_clock::now();
      auto r = body.empty() ? c.Get(path, h) : c.Post(path, h, body, "application/json");
      auto t1 = std::chrono::steady_clock::now();
      if (r && r->status == 503) {
        ++busy;
        continue;
      }
      if (!r || r->status != 200) {
        if (errors++ == 0)
          std::cerr << "première erreur : " << (r ? "HTTP " + std::to_string(r->status) : httplib::to_string(r.error())) << "\n";
        continue;
      }
      bytes += static_cast<long long>(r->body.size());
      latencies[k].push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
  };
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int k = 0; k < clients; ++k) threads.emplace_back(worker, k);
  for (auto& t : threads) t.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) { return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<size_t>(p * all.size()))]; };
  const long rss_after = pid ? rss_kib(pid) : -1;
  const double server_cpu = pid ? (cpu_ms(pid) - cpu_before) / std::max<size_t>(1, all.size()) : 0;
  std::printf("%-40s %6zu req %6.2f s %8.1f req/s  p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms  "
              "server CPU %5.2f ms/req  %d errors  %d busy (503)  %.0f KB/resp  RSS %ld -> %ld KiB\n",
              path.c_str(), all.size(), seconds, all.size() / seconds, pct(0.50), pct(0.90), pct(0.99),
              all.empty() ? 0.0 : all.back(), server_cpu, errors.load(), busy.load(),
              all.empty() ? 0.0 : bytes.load() / 1024.0 / all.size(), rss_before, rss_after);
  if (!summary.empty())
    std::ofstream(summary, std::ios::app) << all.size() / seconds << '\t' << pct(0.50) << '\t' << pct(0.90) << '\t' << pct(0.99)
                                          << '\t' << (all.empty() ? 0.0 : all.back()) << '\t' << errors.load() << '\t'
                                          << busy.load() << '\t' << rss_before << '\t' << rss_after << '\n';
  return errors.load() || busy.load() ? 1 : 0;
}
