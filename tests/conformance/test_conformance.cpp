#include "common/shared_data.h"
#include "conformance_suite.h"
#include "eql/eql_error.h"
#include "eql/executor.h"
#include "eql/query.h"

#include <QCoreApplication>
#include <QDir>
#include <QTest>
#include <map>

namespace {

// Folder of the suite, from --suite DIR or SPOOR_EQL_SUITE; empty means the shared Elasticsearch suite.
QString suiteOverride;

// Passing cases per file reached when the runner was written; a drop below them is a regression.
const std::map<QString, int> baseline = {
    {"test_queries.toml", 100},    {"additional_test_queries.toml", 46},
    {"test_queries_date.toml", 3}, {"test_queries_date_nanos.toml", 2},
    {"test_extra.toml", 30},       {"test_missing_events.toml", 20},
    {"test_sample.toml", 19},      {"test_sample_multi.toml", 7},
};

QString idsText(const std::vector<std::int64_t>& ids)
{
    QStringList parts;
    for (const auto id : ids)
        parts << QString::number(id);
    return "[" + parts.join(", ") + "]";
}

// Runs one case. Returns an empty string when it passes, otherwise what went wrong.
QString runCase(const SuiteCase& c, const DataSet& data)
{
    try {
        const auto query = spoor::eql::Query::parse(c.query, data.mappings);
        spoor::eql::QueryOptions options;
        options.mappedFields = data.mappedFields;
        options.size = c.size;
        options.maxSamplesPerKey = c.maxSamplesPerKey;
        spoor::eql::Executor executor(query, options);
        for (const auto& event : data.events)
            executor.push({event.id, event.fields, event.timeNs});
        std::vector<std::int64_t> actual;
        std::vector<std::string> keys;
        for (const auto& match : executor.finish()) {
            for (const auto& id : match.eventIds)
                actual.push_back(id.value_or(-1));
            for (const auto& key : match.joinKeys)
                keys.push_back(key.toString());
        }
        const bool idsMatch = std::find(c.expectedAlternatives.begin(), c.expectedAlternatives.end(), actual) !=
                              c.expectedAlternatives.end();
        if (!idsMatch) {
            QStringList expected;
            for (const auto& alternative : c.expectedAlternatives)
                expected << idsText(alternative);
            return "expected " + expected.join(" or ") + ", actual " + idsText(actual);
        }
        if (c.joinKeys && *c.joinKeys != keys) {
            QStringList expected, got;
            for (const auto& key : *c.joinKeys)
                expected << QString::fromStdString(key);
            for (const auto& key : keys)
                got << QString::fromStdString(key);
            return "ids match, but join keys expected [" + expected.join(", ") + "], actual [" + got.join(", ") + "]";
        }
        return {};
    } catch (const spoor::eql::EqlError& error) {
        return QStringLiteral("query rejected: ") + QString::fromUtf8(error.what());
    }
}

} // namespace

class TestConformance : public QObject
{
    Q_OBJECT

private slots:
    void suite_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("file");
        QString folder = suiteOverride;
        if (folder.isEmpty())
            folder = sharedPath(QStringLiteral("conformance/elasticsearch"));
        if (folder.isEmpty()) {
            QTest::newRow("absent") << QString() << QString();
            return;
        }
        for (const QString& file : QDir(folder).entryList({"*.toml"}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(file)) << folder << file;
    }

    void suite()
    {
        QFETCH(QString, folder);
        QFETCH(QString, file);
        if (folder.isEmpty())
            QSKIP("shared corpus not found: conformance/elasticsearch (expected next to the checkout in ../shared)");
        DataSet data;
        QString error;
        if (!loadDataSet(folder, file, data, error))
            QSKIP(qPrintable(error));
        std::vector<SuiteCase> cases;
        try {
            cases = loadCases(QDir(folder).filePath(file));
        } catch (const std::exception& parseError) {
            QFAIL(qPrintable(file + ": " + QString::fromUtf8(parseError.what())));
        }
        int passed = 0, failed = 0;
        for (const auto& c : cases) {
            const QString problem = runCase(c, data);
            if (problem.isEmpty()) {
                ++passed;
                continue;
            }
            ++failed;
            qInfo().noquote() << file + ": FAILED " + QString::fromStdString(c.name) +
                                     "\n  query: " + QString::fromStdString(c.query).trimmed() + "\n  " + problem;
        }
        qInfo().noquote() << QStringLiteral("%1: %2 passed, %3 failed").arg(file).arg(passed).arg(failed);
        const auto expected = baseline.find(file);
        if (suiteOverride.isEmpty() && expected != baseline.end())
            QVERIFY2(passed >= expected->second, qPrintable(file + " passes fewer cases than before"));
    }
};

// Accepts --suite DIR before Qt Test's own arguments; SPOOR_EQL_SUITE does the same.
int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    std::vector<char*> arguments;
    for (int i = 0; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--suite" && i + 1 < argc) {
            suiteOverride = QString::fromLocal8Bit(argv[++i]);
            continue;
        }
        arguments.push_back(argv[i]);
    }
    if (suiteOverride.isEmpty())
        suiteOverride = qEnvironmentVariable("SPOOR_EQL_SUITE");
    TestConformance test;
    return QTest::qExec(&test, static_cast<int>(arguments.size()), arguments.data());
}

#include "test_conformance.moc"
