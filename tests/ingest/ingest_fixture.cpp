#include "ingest_fixture.h"

#include "store/statement.h"

#include <QFile>
#include <zlib.h>
#include <zstd.h>

QByteArray ecsDocument(int number)
{
    const QByteArray n = QByteArray::number(number);
    const QByteArray second = QByteArray::number(number % 60).rightJustified(2, '0');
    return R"({"@timestamp":"2024-04-03T01:28:)" + second + R"(.1234567Z","event":{"id":"event-)" + n +
           R"(","category":["process"],"type":["start"],"action":"exec","ingested":"2024-04-03T01:29:00Z",)"
           R"("sequence":)" +
           n +
           R"(},"host":{"id":"host-1","name":"web-01","os":{"type":"linux"}},)"
           R"("user":{"id":0,"name":"root"},"process":{"pid":)" +
           n + R"(,"name":"sh","parent":{"pid":1,"name":"sshd"}},"data_stream":{"dataset":"endpoint.events.process"}})";
}

QByteArray ndjsonDocuments(int count, int first)
{
    QByteArray lines;
    for (int i = first; i < first + count; ++i)
        lines += ecsDocument(i) + '\n';
    return lines;
}

QByteArray ndjsonHits(int count, int first)
{
    QByteArray lines;
    for (int i = first; i < first + count; ++i) {
        lines += R"({"_index":".ds-logs-endpoint.events.process-default","_id":"id-)" + QByteArray::number(i) +
                 R"(","_score":null,"_source":)" + ecsDocument(i) + "}\n";
    }
    return lines;
}

QByteArray searchResponse(int count, int first)
{
    QByteArray hits;
    for (int i = first; i < first + count; ++i) {
        if (!hits.isEmpty())
            hits += ',';
        hits += R"({"_index":"logs","_id":"id-)" + QByteArray::number(i) + R"(","_source":)" + ecsDocument(i) +
                R"(,"sort":[)" + QByteArray::number(i) + "]}";
    }
    return R"({"took":3,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},)"
           R"("hits":{"total":{"value":)" +
           QByteArray::number(count) + R"(,"relation":"eq"},"max_score":null,"hits":[)" + hits +
           R"(]},"aggregations":{"hosts":{"buckets":[{"key":"a","doc_count":1}]}}})";
}

QByteArray gzipped(const QByteArray& bytes)
{
    z_stream stream{};
    deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(static_cast<int>(deflateBound(&stream, static_cast<uLong>(bytes.size()))), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(static_cast<int>(stream.total_out));
    deflateEnd(&stream);
    return out;
}

QByteArray zstdCompressed(const QByteArray& bytes)
{
    QByteArray out(static_cast<int>(ZSTD_compressBound(static_cast<std::size_t>(bytes.size()))), '\0');
    const std::size_t size = ZSTD_compress(out.data(), static_cast<std::size_t>(out.size()), bytes.data(),
                                           static_cast<std::size_t>(bytes.size()), 3);
    out.resize(static_cast<int>(size));
    return out;
}

CaseFixture::CaseFixture()
    : caseFile(std::make_unique<spoor::store::CaseFile>(
          spoor::store::CaseFile::open(dir.filePath(QStringLiteral("case.spoor")).toStdString())))
{}

QString CaseFixture::writeInput(const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write test input %s", qPrintable(path));
    return path;
}

spoor::ingest::ImportSummary CaseFixture::import(const std::vector<std::string>& paths,
                                                 const spoor::ingest::ImportOptions& options)
{
    return spoor::ingest::importPaths(*caseFile, paths, options);
}

spoor::ingest::ImportSummary CaseFixture::importOne(const QString& path, const spoor::ingest::ImportOptions& options)
{
    return import({path.toStdString()}, options);
}

qint64 CaseFixture::count(const std::string& sql)
{
    auto statement = caseFile->db().prepare(sql);
    return statement.step() ? statement.int64(0) : -1;
}

std::string CaseFixture::text(const std::string& sql)
{
    auto statement = caseFile->db().prepare(sql);
    return statement.step() ? statement.text(0) : std::string("<no row>");
}
