#include "server/compute_pool.hpp"

#include <algorithm>

namespace trame::server {

ComputePool::ComputePool(unsigned threads) {
  for (unsigned i = 0; i < std::max(1u, threads); ++i)
    threads_.emplace_back([this] {
      for (;;) {
        std::packaged_task<void()> task;
        {
          std::unique_lock<std::mutex> lock(m_);
          cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
          if (queue_.empty()) return;  // stopping, nothing left to do
          task = std::move(queue_.front());
          queue_.pop_front();
        }
        task();  // an exception is kept in the task's future
      }
    });
}

ComputePool::~ComputePool() {
  {
    std::lock_guard<std::mutex> lock(m_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void ComputePool::run(const std::function<void()>& work) {
  std::packaged_task<void()> task([&work] { work(); });
  std::future<void> done = task.get_future();
  {
    std::lock_guard<std::mutex> lock(m_);
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
  done.get();
}

}  // namespace trame::server
