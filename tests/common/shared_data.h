#pragma once

#include <QDir>
#include <QFileInfo>
#include <QString>
#include <QTest>

// Path of a file or folder in the shared corpus, or an empty string when the corpus is absent.
inline QString sharedPath(const QString& relative)
{
    const QString path = QDir(QStringLiteral(SPOOR_SHARED_DIR)).filePath(relative);
    return QFileInfo::exists(path) ? QDir::cleanPath(path) : QString();
}

// Skips the current test with a message when the shared corpus file is absent; otherwise sets `var`.
#define SPOOR_REQUIRE_SHARED(var, relative)                                                                            \
    const QString var = sharedPath(QStringLiteral(relative));                                                          \
    if (var.isEmpty())                                                                                                 \
        QSKIP("shared corpus not found: " relative " (expected next to the checkout in ../shared)");
