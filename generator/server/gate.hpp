// Admission of the requests that compute (validate, render, pack…): at most
// `slots` at once, the others wait their turn in their order of arrival, and
// the wait is bounded in length and in time, so that under overload a client
// gets a prompt and clean « 503, réessayez dans N s » instead of a request that
// hangs until its connection times out or is dropped.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>

namespace trame::server {

class FairGate {
 public:
  enum class Admission { Admitted, QueueFull, TimedOut };

  // slots: requests computing at once; max_waiting: requests allowed to wait;
  // max_wait: how long one may wait for its turn.
  FairGate(unsigned slots, size_t max_waiting, std::chrono::milliseconds max_wait);

  // Waits for a slot (first come, first served). Admitted: the caller must leave().
  Admission enter();
  void leave();

  // Requests computing and waiting now (for tests and the benchmark's report).
  size_t running() const;
  size_t waiting() const;

 private:
  mutable std::mutex m_;
  std::condition_variable cv_;
  std::deque<uint64_t> queue_;  // tickets of the waiting requests, oldest first
  uint64_t next_ = 0;
  unsigned running_ = 0;
  const unsigned slots_;
  const size_t max_waiting_;
  const std::chrono::milliseconds max_wait_;
};

// Holds a slot of the gate for a scope (throws nothing).
class GateSlot {
 public:
  explicit GateSlot(FairGate& gate) : gate_(gate) {}
  ~GateSlot() { gate_.leave(); }
  GateSlot(const GateSlot&) = delete;
  GateSlot& operator=(const GateSlot&) = delete;

 private:
  FairGate& gate_;
};

}  // namespace trame::server
