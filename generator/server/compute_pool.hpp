// The threads on which the server computes (validate, render, pack…): as many
// as the gate has slots, started once. A request thread that the gate admits
// hands its work to them and waits. Rendering keeps per-thread state (an
// allocator heap, the PDF writer's compressors, the schema validator, ICU's
// formatters): on the request threads (48, one per open connection) that state
// was built again on each thread a request happened to land on, and the
// server's memory grew for thousands of requests; on these few threads it is
// built once and then reused (issue 14).
#pragma once
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace trame::server {

class ComputePool {
 public:
  explicit ComputePool(unsigned threads);
  ~ComputePool();

  // Runs `work` on one of the pool's threads and waits for it; what it throws
  // is thrown here.
  void run(const std::function<void()>& work);

  ComputePool(const ComputePool&) = delete;
  ComputePool& operator=(const ComputePool&) = delete;

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::packaged_task<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace trame::server
