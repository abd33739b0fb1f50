#include "api/capture_worker.h"

namespace paraat::api {

CaptureWorker::CaptureWorker(store::Store& store) : store_(store), thread_([this] { run(); }) {}

CaptureWorker::~CaptureWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void CaptureWorker::submit(epcis::Document document, service::CaptureRequest request) {
  {
    std::lock_guard lock(mutex_);
    queue_.emplace_back(std::move(document), std::move(request));
  }
  wake_.notify_one();
}

void CaptureWorker::run() {
  for (;;) {
    std::pair<epcis::Document, service::CaptureRequest> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and every accepted job is done
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    // The outcome, failures included, is saved in the job; the client reads it from there.
    (void)service::capture_epcis(store_, job.first, job.second);
  }
}

}  // namespace paraat::api
