#include "conformance_suite.h"

#include "ecs/flatten.h"
#include "ecs/timestamp.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <toml++/toml.h>

namespace {

// FILETIME (100 ns since 1601) of the endgame data to Unix milliseconds, as Elasticsearch's loader does.
std::int64_t filetimeToUnixMillis(std::int64_t filetime)
{
    return filetime / 10000 - 11644473600000LL;
}

struct DataSpec
{
    QStringList files; // relative to the suite folder
    QStringList mappings;
    std::string idField;
    enum class Time { AtTimestamp, EndgameFiletime, EndgameNanos, None } time = Time::None;
};

std::optional<DataSpec> specFor(const QString& suiteDir, const QString& caseFile)
{
    // The endgameinc/eql suite keeps its data next to its cases; it runs with Elasticsearch's mapping of it.
    if (caseFile == "test_queries.toml" && QFile::exists(QDir(suiteDir).filePath("test_data.json"))) {
        return DataSpec{{"test_data.json"},
                        {"../elasticsearch/data/endgame-140.mapping"},
                        "serial_event_id",
                        DataSpec::Time::EndgameFiletime};
    }
    const QString endgame = QStringLiteral("../endgameinc-eql/test_data.json");
    const QString endgameMapping = QStringLiteral("data/endgame-140.mapping");
    if (caseFile == "test_queries.toml" || caseFile == "additional_test_queries.toml" ||
        caseFile == "test_queries_date.toml")
        return DataSpec{{endgame}, {endgameMapping}, "serial_event_id", DataSpec::Time::EndgameFiletime};
    if (caseFile == "test_queries_date_nanos.toml")
        return DataSpec{{endgame}, {endgameMapping}, "serial_event_id", DataSpec::Time::EndgameNanos};
    if (caseFile == "test_extra.toml")
        return DataSpec{{"data/extra.data"}, {"data/extra.mapping"}, "sequence", DataSpec::Time::AtTimestamp};
    if (caseFile == "test_missing_events.toml")
        return DataSpec{
            {"data/missing-events.data"}, {"data/missing-events.mapping"}, "sequence", DataSpec::Time::AtTimestamp};
    if (caseFile == "test_sample.toml")
        return DataSpec{{"data/sample1.data", "data/sample2.data", "data/sample3.data"},
                        {"data/sample1.mapping", "data/sample2.mapping", "data/sample3.mapping"},
                        "id",
                        DataSpec::Time::None};
    if (caseFile == "test_sample_multi.toml")
        return DataSpec{{"data/sample-multi.data"}, {"data/sample-multi.mapping"}, "id", DataSpec::Time::None};
    return std::nullopt;
}

std::optional<nlohmann::json> readJson(const QString& path, QString& error, bool mapping = false)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = path + ": cannot be opened: " + file.errorString();
        return std::nullopt;
    }
    QString text = QString::fromUtf8(file.readAll());
    // Mapping files use '#' comment lines; data files use '//' comments, which the parser skips.
    text.remove(QRegularExpression(QStringLiteral("^\\s*#[^\\n]*"), QRegularExpression::MultilineOption));
    // The Elasticsearch harness picks keyword or wildcard for this placeholder; both behave as keyword here.
    if (mapping)
        text.replace(QStringLiteral("[runtime_random_keyword_type]"), QStringLiteral("keyword"));
    auto json = nlohmann::json::parse(text.toStdString(), nullptr, false, true);
    if (json.is_discarded()) {
        error = path + ": invalid JSON";
        return std::nullopt;
    }
    return json;
}

std::int64_t timeOf(const spoor::ecs::Event& event, DataSpec::Time mode, spoor::ecs::Event& fields)
{
    if (mode == DataSpec::Time::EndgameFiletime || mode == DataSpec::Time::EndgameNanos) {
        const auto* raw = event.find("timestamp");
        if (!raw || !raw->isInt())
            return 0;
        const std::int64_t ns =
            mode == DataSpec::Time::EndgameNanos ? raw->asInt() : filetimeToUnixMillis(raw->asInt()) * 1'000'000;
        fields.set("@timestamp", spoor::ecs::formatIsoTimestamp(ns, mode == DataSpec::Time::EndgameNanos ? 9 : 3));
        return ns;
    }
    if (mode == DataSpec::Time::None)
        return 0;
    const auto* value = event.find("@timestamp");
    if (!value)
        return 0;
    if (value->isInt())
        return value->asInt() * 1'000'000;
    if (value->isString()) {
        if (const auto millis = spoor::ecs::fromEpochMillis(std::atoll(value->asString().c_str()));
            millis && value->asString().find('-', 1) == std::string::npos)
            return *millis;
        return spoor::ecs::parseIsoTimestamp(value->asString()).value_or(0);
    }
    return 0;
}

} // namespace

bool loadDataSet(const QString& suiteDir, const QString& caseFile, DataSet& data, QString& error)
{
    const auto spec = specFor(suiteDir, caseFile);
    if (!spec) {
        error = caseFile + ": no data set is known for this case file";
        return false;
    }
    // Each data file is one index with its own mapping; queries see the union of the mappings.
    std::vector<spoor::eql::FieldMappings> indexMappings;
    auto merged = std::make_shared<spoor::eql::FieldMappings>();
    for (const QString& mapping : spec->mappings) {
        const QString path = QDir(suiteDir).filePath(mapping);
        const auto json = readJson(path, error, true);
        if (!json)
            return false;
        try {
            indexMappings.push_back(spoor::eql::FieldMappings::fromJson(*json, path.toStdString()));
        } catch (const spoor::eql::MappingError& mappingError) {
            error = QString::fromStdString(mappingError.what());
            return false;
        }
        merged->add(indexMappings.back());
    }
    data.mappings = merged;
    data.mappedFields = merged->fieldNames();
    for (int index = 0; index < spec->files.size(); ++index) {
        const auto json = readJson(QDir(suiteDir).filePath(spec->files[index]), error);
        if (!json)
            return false;
        const auto& mapping = indexMappings[std::min<std::size_t>(index, indexMappings.size() - 1)];
        for (const auto& document : *json) {
            SuiteEvent event;
            event.fields = spoor::ecs::flatten(document);
            mapping.normalize(event.fields);
            for (const auto& [path, value] : event.fields.fields())
                data.mappedFields.insert(path);
            const auto* id = event.fields.find(spec->idField);
            event.id = id && id->isInt() ? id->asInt() : -1;
            event.tiebreaker = event.id;
            event.timeNs = timeOf(event.fields, spec->time, event.fields);
            data.events.push_back(std::move(event));
        }
    }
    std::stable_sort(data.events.begin(), data.events.end(), [](const SuiteEvent& a, const SuiteEvent& b) {
        return a.timeNs != b.timeNs ? a.timeNs < b.timeNs : a.tiebreaker < b.tiebreaker;
    });
    return true;
}

namespace {

// Replaces bare `null` tokens inside join_keys arrays with "null" so that toml++ accepts the file.
std::string quoteBareNulls(const std::string& text)
{
    static const QRegularExpression bareNull(QStringLiteral("(?<=[\\[,\\s])null(?=[\\s,\\]])"));
    std::string out;
    bool inKeys = false;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        std::string line = text.substr(start, end - start);
        if (line.rfind("join_keys", 0) == 0)
            inKeys = true;
        if (inKeys) {
            line = QString::fromStdString(line).replace(bareNull, QStringLiteral("\"null\"")).toStdString();
            if (line.find(']') != std::string::npos)
                inKeys = false;
        }
        out += line;
        out += '\n';
        start = end + 1;
    }
    return out;
}

std::vector<std::int64_t> idList(const toml::array& array)
{
    std::vector<std::int64_t> ids;
    for (const auto& element : array)
        ids.push_back(element.value_or(std::int64_t(0)));
    return ids;
}

} // namespace

std::vector<SuiteCase> loadCases(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error(path.toStdString() + ": cannot be opened");
    const std::string text = quoteBareNulls(file.readAll().toStdString());
    toml::table root;
    try {
        root = toml::parse(text, path.toStdString());
    } catch (const toml::parse_error& error) {
        throw std::runtime_error(std::string(error.description()) + " at line " +
                                 std::to_string(error.source().begin.line));
    }
    std::vector<SuiteCase> cases;
    const auto* queries = root["queries"].as_array();
    if (!queries)
        return cases;
    for (const auto& node : *queries) {
        const auto* table = node.as_table();
        if (!table)
            continue;
        SuiteCase c;
        c.name = (*table)["name"].value_or(std::string());
        c.query = (*table)["query"].value_or(std::string());
        if (const auto* expected = (*table)["expected_event_ids"].as_array()) {
            if (!expected->empty() && expected->front().is_array()) {
                for (const auto& alternative : *expected)
                    c.expectedAlternatives.push_back(idList(*alternative.as_array()));
            } else {
                c.expectedAlternatives.push_back(idList(*expected));
            }
        }
        if (const auto* keys = (*table)["join_keys"].as_array()) {
            c.joinKeys.emplace();
            for (const auto& key : *keys)
                c.joinKeys->push_back(key.value_or(std::string("null")));
        }
        if (const auto size = (*table)["size"].value<std::int64_t>())
            c.size = static_cast<std::size_t>(*size);
        if (const auto perKey = (*table)["max_samples_per_key"].value<std::int64_t>())
            c.maxSamplesPerKey = static_cast<std::size_t>(*perKey);
        cases.push_back(std::move(c));
    }
    return cases;
}
