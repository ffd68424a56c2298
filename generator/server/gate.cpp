#include "server/gate.hpp"

#include <algorithm>

namespace trame::server {

FairGate::FairGate(unsigned slots, size_t max_waiting, std::chrono::milliseconds max_wait)
    : slots_(std::max(1u, slots)), max_waiting_(max_waiting), max_wait_(max_wait) {}

FairGate::Admission FairGate::enter() {
  std::unique_lock<std::mutex> lock(m_);
  if (queue_.empty() && running_ < slots_) {
    ++running_;
    return Admission::Admitted;
  }
  if (queue_.size() >= max_waiting_) return Admission::QueueFull;
  const uint64_t ticket = next_++;
  queue_.push_back(ticket);
  const bool turn = cv_.wait_for(lock, max_wait_, [&] { return queue_.front() == ticket && running_ < slots_; });
  if (!turn) {
    queue_.erase(std::find(queue_.begin(), queue_.end(), ticket));
    lock.unlock();
    cv_.notify_all();  // the one behind may be first now
    return Admission::TimedOut;
  }
  queue_.pop_front();
  ++running_;
  lock.unlock();
  cv_.notify_all();  // another slot may be free for the next in line
  return Admission::Admitted;
}

void FairGate::leave() {
  {
    std::lock_guard<std::mutex> lock(m_);
    --running_;
  }
  cv_.notify_all();
}

size_t FairGate::running() const {
  std::lock_guard<std::mutex> lock(m_);
  return running_;
}

size_t FairGate::waiting() const {
  std::lock_guard<std::mutex> lock(m_);
  return queue_.size();
}

}  // namespace trame::server
