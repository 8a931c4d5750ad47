#include "jobs/csv_detection.h"

#include "ingest/byte_source.h"
#include "ingest/input_files.h"
#include "ingest/input_format.h"
#include "ingest/stream_buffer.h"
#include "logging.h"

#include <stdexcept>

namespace spoor::ui {

namespace {

bool isKibanaCsv(const std::string& path)
{
    ingest::FileInput file(path);
    const std::unique_ptr<ingest::ByteSource> source = ingest::openByteSource(file);
    ingest::StreamBuffer buffer(*source, 64 * 1024);
    return ingest::detectFormat(buffer).format == ingest::InputFormat::KibanaCsv;
}

} // namespace

QStringList findKibanaCsvFiles(const QStringList& paths)
{
    std::vector<std::string> list;
    for (const QString& path : paths)
        list.push_back(path.toStdString());
    QStringList found;
    for (const ingest::InputFile& input : ingest::collectInputFiles(list)) {
        if (!input.error.empty())
            continue;
        try {
            if (isKibanaCsv(input.path))
                found.append(QString::fromStdString(input.path));
        } catch (const std::exception& error) {
            qCInfo(lcJobs) << "cannot detect the format of" << input.path.c_str() << ":" << error.what();
        }
    }
    return found;
}

} // namespace spoor::ui
