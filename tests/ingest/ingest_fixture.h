#pragma once

#include "ingest/importer.h"
#include "store/case_file.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>
#include <memory>
#include <string>
#include <vector>

// One ECS document on one line, numbered so that every document differs.
QByteArray ecsDocument(int number);

// `count` documents, one per line, numbered from `first`.
QByteArray ndjsonDocuments(int count, int first = 0);

// The same documents wrapped as search hits with _index and _id.
QByteArray ndjsonHits(int count, int first = 0);

// A _search response holding the documents as hits.hits[]._source.
QByteArray searchResponse(int count, int first = 0);

QByteArray gzipped(const QByteArray& bytes);
QByteArray zstdCompressed(const QByteArray& bytes);

// A case file in a temporary folder, with helpers to write inputs and to query the result.
class CaseFixture
{
public:
    CaseFixture();

    QString writeInput(const QString& name, const QByteArray& bytes);
    spoor::ingest::ImportSummary import(const std::vector<std::string>& paths,
                                        const spoor::ingest::ImportOptions& options = {});
    spoor::ingest::ImportSummary importOne(const QString& path, const spoor::ingest::ImportOptions& options = {});

    qint64 count(const std::string& sql);
    std::string text(const std::string& sql);

    QTemporaryDir dir;
    std::unique_ptr<spoor::store::CaseFile> caseFile;
};
