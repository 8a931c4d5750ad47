#include "case_location.h"

#include <QDir>
#include <QFileInfo>

namespace spoor::ui {

namespace {

const QLatin1String caseSuffix(".spoor");

QString freeName(const QDir& folder, const QString& fileName)
{
    const QString stem = fileName.chopped(caseSuffix.size());
    QString candidate = fileName;
    for (int number = 2; folder.exists(candidate); ++number)
        candidate = stem % QLatin1Char('-') % QString::number(number) % caseSuffix;
    return folder.filePath(candidate);
}

} // namespace

QString caseFileNameForDump(const QString& dumpPath)
{
    const QFileInfo info(QDir::cleanPath(dumpPath));
    QString name = info.fileName();
    if (!info.isDir()) {
        for (const QLatin1String compression : {QLatin1String(".gz"), QLatin1String(".zst")}) {
            if (name.endsWith(compression, Qt::CaseInsensitive))
                name.chop(compression.size());
        }
        const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
        if (dot > 0)
            name.truncate(dot);
    }
    if (name.isEmpty())
        name = QStringLiteral("case");
    return name % caseSuffix;
}

QString newCaseLocation(const QStringList& dumps, const QString& fallbackFolder)
{
    const QString first = dumps.value(0);
    const QString fileName = caseFileNameForDump(first);
    const QFileInfo dumpFolder(QFileInfo(QDir::cleanPath(first)).absolutePath());
    if (!first.isEmpty() && dumpFolder.isDir() && dumpFolder.isWritable())
        return freeName(QDir(dumpFolder.absoluteFilePath()), fileName);
    QDir fallback(fallbackFolder);
    fallback.mkpath(QStringLiteral("."));
    return freeName(fallback, fileName);
}

bool isCasePath(const QString& path)
{
    return path.endsWith(caseSuffix, Qt::CaseInsensitive);
}

} // namespace spoor::ui
