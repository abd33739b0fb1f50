// Reads the dataset format (docs/data-format.md): one CSV per entity in a directory. Every file is
// checked in full, every bad line reported (file, line, field, reason), and references checked
// against both the batch and what the store already holds. Only a batch without a single error
// is returned; the caller writes it in one transaction, so a rejected import changes nothing.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/progress.h"
#include "core/result.h"

namespace paraat::ingest {

struct NamedText {
  std::string name;     // file name, e.g. "lots.csv"
  std::string content;
};

// The files the format defines, in the order they are read (each may refer to earlier ones).
const std::vector<std::string>& dataset_file_names();

struct DatasetRead {
  Dataset dataset;
  std::vector<std::string> files_read;
  std::vector<std::string> files_ignored;  // present in the directory but not part of the format
};

// Reads whichever of the format's files are given (in any order); other names are ignored.
Result<DatasetRead> read_dataset(const std::vector<NamedText>& files, const KnownKeys& known,
                                 Progress& progress);

// Reads the format's files from a directory. kNotFound when the directory does not exist or
// holds none of them.
Result<DatasetRead> read_dataset_directory(const std::filesystem::path& dir,
                                           const KnownKeys& known, Progress& progress);

}  // namespace paraat::ingest
