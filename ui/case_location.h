#pragma once

#include <QString>
#include <QStringList>

namespace spoor::ui {

// Returns "<name>.spoor" for a dump: the file name without compression suffix (.gz, .zst) and without
// its format suffix, or the folder name for a folder.
QString caseFileNameForDump(const QString& dumpPath);

// Returns a path for a new case holding the given dumps: caseFileNameForDump(first dump) in the first
// dump's folder when that folder is writable, else in fallbackFolder (created when missing). An existing
// file is never reused: "-2", "-3", ... is appended to the name until it is free.
QString newCaseLocation(const QStringList& dumps, const QString& fallbackFolder);

// Returns true for a path that names a case file (suffix ".spoor", any case).
bool isCasePath(const QString& path);

} // namespace spoor::ui
