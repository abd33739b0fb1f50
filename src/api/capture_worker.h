// EPCIS capture jobs run in the background (GS1 REST binding: POST /capture answers 202 at once
// and the client polls the job). One worker thread takes jobs in arrival order; the store
// serialises writes anyway, so more threads would only wait on each other.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "core/epcis.h"
#include "service/epcis_service.h"
#include "store/store.h"

namespace paraat::api {

struct CaptureWorker {
  explicit CaptureWorker(store::Store& store);
  // Finishes every job already accepted, then stops.
  ~CaptureWorker();
  CaptureWorker(const CaptureWorker&) = delete;
  CaptureWorker& operator=(const CaptureWorker&) = delete;

  void submit(epcis::Document document, service::CaptureRequest request);

 private:
  void run();

  store::Store& store_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::pair<epcis::Document, service::CaptureRequest>> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace paraat::api
