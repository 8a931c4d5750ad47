#pragma once

#include <QStringList>

namespace spoor::ui {

// Returns the files among the paths (folders are searched recursively, as the import does) whose content
// the importer detects as a Kibana Discover CSV export. Files that cannot be read are left out, and the
// import reports them. Reads up to 64 KiB of each file, decompressed, so it belongs on a worker thread.
QStringList findKibanaCsvFiles(const QStringList& paths);

} // namespace spoor::ui
