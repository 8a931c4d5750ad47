#include "common/shared_data.h"
#include "ecs/flatten.h"
#include "ecs/timestamp.h"
#include "scenario/scenario.h"

#include <QTest>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <zlib.h>

using nlohmann::json;
using spoor::scenario::Options;

namespace {

struct Dump
{
    std::string text;
    std::vector<json> events;
    json truth;
    spoor::scenario::Summary summary;
};

Dump generateDump(const Options& options)
{
    Dump dump;
    std::ostringstream out;
    dump.summary = spoor::scenario::generate(options, out, &dump.truth);
    dump.text = out.str();
    std::istringstream lines(dump.text);
    std::string line;
    while (std::getline(lines, line)) {
        dump.events.push_back(json::parse(line));
    }
    return dump;
}

// Counts lines without keeping them, for dumps too large to hold in a test.
class LineCounter : public std::streambuf
{
public:
    std::uint64_t lines = 0;

protected:
    int_type overflow(int_type c) override
    {
        lines += c == '\n' ? 1 : 0;
        return traits_type::not_eof(c);
    }
    std::streamsize xsputn(const char* data, std::streamsize count) override
    {
        for (std::streamsize i = 0; i < count; ++i) {
            lines += data[i] == '\n' ? 1 : 0;
        }
        return count;
    }
};

std::string gunzipFile(const std::string& path)
{
    std::string text;
    gzFile file = gzopen(path.c_str(), "rb");
    if (!file) {
        return text;
    }
    char buffer[1 << 16];
    int read = 0;
    while ((read = gzread(file, buffer, sizeof buffer)) > 0) {
        text.append(buffer, static_cast<std::size_t>(read));
    }
    gzclose(file);
    return text;
}

std::int64_t nanos(const json& text)
{
    return spoor::ecs::parseIsoTimestamp(text.get<std::string>()).value();
}

bool contains(const json& array, const std::string& value)
{
    return array.is_array() && std::find(array.begin(), array.end(), value) != array.end();
}

std::string action(const json& event)
{
    return event["event"]["action"].get<std::string>();
}

bool isLinux(const json& event)
{
    return event["host"]["os"]["type"] == "linux";
}

// The four steps of the 2024-04-01 XZ rule, written out by hand.
bool ruleStep1(const json& e)
{
    const json& p = e["process"];
    return isLinux(e) && contains(e["event"]["type"], "start") && action(e) == "exec" && p["name"] == "sshd" &&
           contains(p["args"], "-D") && contains(p["args"], "-R");
}

bool ruleStep2(const json& e)
{
    const json& p = e["process"];
    return isLinux(e) && contains(e["event"]["type"], "start") && action(e) == "exec" && p.contains("parent") &&
           p["parent"].value("name", "") == "sshd" && p["executable"] != "/usr/sbin/sshd";
}

bool ruleStep3(const json& e)
{
    const json& p = e["process"];
    return isLinux(e) && action(e) == "end" && p["name"] == "sshd" && p["exit_code"] != 0;
}

bool ruleStep4(const json& e)
{
    return isLinux(e) && contains(e["event"]["type"], "end") && action(e) == "disconnect_received" &&
           e["process"]["name"] == "sshd";
}

using JoinKey = std::tuple<std::string, std::string, std::int64_t, std::string>;

JoinKey ownKey(const json& e)
{
    return {e["host"]["id"], e["user"]["id"], e["process"]["pid"], e["process"]["entity_id"]};
}

JoinKey parentKey(const json& e)
{
    return {e["host"]["id"], e["user"]["id"], e["process"]["parent"]["pid"], e["process"]["parent"]["entity_id"]};
}

// (event.ingested, @timestamp, event.sequence): the rule's event order with timestamp_override.
auto ruleOrder(const json& e)
{
    return std::make_tuple(nanos(e["event"]["ingested"]), nanos(e["@timestamp"]),
                           e["event"]["sequence"].get<std::int64_t>());
}

// A sequence matcher for this one rule: each step moves a partial match of the previous step with an equal
// key, and a match is dropped when its span on event.ingested exceeds 1 s.
std::set<std::vector<std::string>> runRuleByHand(std::vector<json> events)
{
    std::sort(events.begin(), events.end(), [](const json& a, const json& b) { return ruleOrder(a) < ruleOrder(b); });
    struct Partial
    {
        std::int64_t first = 0;
        std::vector<std::string> ids;
    };
    std::map<JoinKey, Partial> stages[3];
    std::set<std::vector<std::string>> matches;
    constexpr std::int64_t maxspan = 1'000'000'000;
    const auto advance = [&](int from, const JoinKey& key, const json& e, bool last) {
        const auto found = stages[from].find(key);
        if (found == stages[from].end()) {
            return;
        }
        Partial partial = std::move(found->second);
        stages[from].erase(found);
        if (nanos(e["event"]["ingested"]) - partial.first > maxspan) {
            return;
        }
        partial.ids.push_back(e["event"]["id"]);
        if (last) {
            matches.insert(partial.ids);
        } else {
            stages[from + 1][key] = std::move(partial);
        }
    };
    for (const json& e : events) {
        if (ruleStep4(e)) {
            advance(2, ownKey(e), e, true);
        }
        if (ruleStep3(e)) {
            advance(1, ownKey(e), e, false);
        }
        if (ruleStep2(e)) {
            advance(0, parentKey(e), e, false);
        }
        if (ruleStep1(e)) {
            stages[0][ownKey(e)] = Partial{nanos(e["event"]["ingested"]), {e["event"]["id"]}};
        }
    }
    return matches;
}

std::string joinArgs(const json& args)
{
    std::string line;
    for (const auto& arg : args) {
        line += (line.empty() ? "" : " ") + arg.get<std::string>();
    }
    return line;
}

} // namespace

class TestScenario : public QObject
{
    Q_OBJECT

private:
    Dump dump_;

private slots:
    void initTestCase() { dump_ = generateDump(Options{}); }

    void sameSeedIsByteIdentical()
    {
        const Dump again = generateDump(Options{});
        QCOMPARE(again.text.size(), dump_.text.size());
        QVERIFY(again.text == dump_.text);
        QVERIFY(again.truth == dump_.truth);
    }

    void differentSeedDiffers()
    {
        Options options;
        options.seed = 2;
        const Dump other = generateDump(options);
        QVERIFY(other.text != dump_.text);
    }

    void defaultDumpSizeLikeCorpus()
    {
        QVERIFY2(dump_.summary.events > 2000 && dump_.summary.events < 5000,
                 std::to_string(dump_.summary.events).c_str());
        QCOMPARE(dump_.events.size(), std::size_t(dump_.summary.events));
        QCOMPARE(dump_.truth["event_count"].get<std::uint64_t>(), dump_.summary.events);
        QCOMPARE(dump_.truth["cases"].size(), std::size_t(dump_.summary.connections));
        QCOMPARE(dump_.truth["expected_rule_matches"].size(), std::size_t(dump_.summary.expectedRuleMatches));
    }

    void everyDocumentHasRuleFields()
    {
        for (const json& e : dump_.events) {
            const auto path = [&e](const char* pointer) { return e.contains(json::json_pointer(pointer)); };
            QVERIFY(path("/@timestamp"));
            QVERIFY(path("/event/action"));
            QVERIFY(e["event"]["type"].is_array());
            QVERIFY(e["event"]["category"].is_array());
            QVERIFY(e["event"]["id"].is_string());
            QVERIFY(e["event"]["sequence"].is_number_integer());
            QVERIFY(e["event"]["ingested"].is_string());
            QVERIFY(e["host"]["id"].is_string());
            QVERIFY(e["host"]["os"]["type"].is_string());
            QVERIFY(e["user"]["id"].is_string());
            QVERIFY(e["process"]["pid"].is_number_integer());
            QVERIFY(e["process"]["entity_id"].is_string());
            QVERIFY(e["process"]["name"].is_string());
            QVERIFY(e["process"]["executable"].is_string());
        }
    }

    void timestampsHaveElasticPrecision()
    {
        for (const json& e : dump_.events) {
            const std::string timestamp = e["@timestamp"];
            const std::string ingested = e["event"]["ingested"];
            QCOMPARE(timestamp.size(), std::string("2024-04-03T01:28:14.0000000Z").size());
            QCOMPARE(ingested.size(), std::string("2024-04-03T01:28:14Z").size());
            QCOMPARE(e["event"]["created"].get<std::string>(), timestamp);
        }
    }

    void ingestLagConstantPerHost()
    {
        std::map<std::string, std::int64_t> lags;
        for (const json& e : dump_.events) {
            const std::int64_t second = nanos(e["@timestamp"]) / 1'000'000'000 * 1'000'000'000;
            const std::int64_t lag = nanos(e["event"]["ingested"]) - second;
            const auto [known, inserted] = lags.emplace(e["host"]["name"], lag);
            QCOMPARE(lag, known->second);
            QVERIFY(lag >= 1'000'000'000 && lag <= 5'000'000'000);
        }
    }

    void timeAndSequenceIncrease()
    {
        std::int64_t previousTime = 0;
        std::map<std::string, std::int64_t> sequences;
        for (const json& e : dump_.events) {
            const std::int64_t time = nanos(e["@timestamp"]);
            QVERIFY(time >= previousTime);
            previousTime = time;
            const std::int64_t sequence = e["event"]["sequence"];
            const auto [last, inserted] = sequences.emplace(e["agent"]["id"], sequence);
            QVERIFY(inserted || sequence == last->second + 1);
            last->second = sequence;
        }
    }

    void processBlocksAreConsistent()
    {
        for (const json& e : dump_.events) {
            const json& p = e["process"];
            if (e["event"]["category"] == json::array({"network"})) {
                QVERIFY(!p.contains("args"));
                QCOMPARE(e["destination"]["port"].get<int>(), 22);
                QVERIFY(e["source"]["ip"].is_string());
                continue;
            }
            QCOMPARE(p["args_count"].get<std::size_t>(), p["args"].size());
            QCOMPARE(p["command_line"].get<std::string>(), joinArgs(p["args"]));
            QCOMPARE(p.contains("exit_code"), action(e) == "end");
            QCOMPARE(p.contains("end"), action(e) == "end");
        }
    }

    void forkExecPairsSharePid()
    {
        std::map<std::pair<std::string, std::int64_t>, json> lastStart;
        int execs = 0;
        for (const json& e : dump_.events) {
            const auto key =
                std::make_pair(e["host"]["id"].get<std::string>(), e["process"]["pid"].get<std::int64_t>());
            if (action(e) == "exec") {
                const auto previous = lastStart.find(key);
                QVERIFY(previous != lastStart.end());
                QVERIFY(action(previous->second) == "fork" || action(previous->second) == "exec");
                QVERIFY(previous->second["process"]["entity_id"] != e["process"]["entity_id"]);
                QVERIFY(previous->second["process"]["parent"]["entity_id"] == e["process"]["parent"]["entity_id"]);
                ++execs;
            }
            if (action(e) == "fork" || action(e) == "exec") {
                lastStart[key] = e;
            }
        }
        QVERIFY(execs > 100);
    }

    void parentIsCurrentGeneration()
    {
        std::map<std::pair<std::string, std::int64_t>, std::string> current;
        for (const json& e : dump_.events) {
            const json& p = e["process"];
            const std::string host = e["host"]["id"];
            if (p.contains("parent") && p["parent"].contains("pid")) {
                const auto found = current.find({host, p["parent"]["pid"].get<std::int64_t>()});
                QVERIFY(found != current.end());
                QCOMPARE(p["parent"]["entity_id"].get<std::string>(), found->second);
            }
            const std::string eventAction = action(e);
            if (eventAction == "fork" || eventAction == "exec" || eventAction == "already_running") {
                current[{host, p["pid"].get<std::int64_t>()}] = p["entity_id"];
            }
        }
    }

    void entityIdEncodesAgentAndPid()
    {
        for (const json& e : dump_.events) {
            const QByteArray decoded =
                QByteArray::fromBase64(QByteArray::fromStdString(e["process"]["entity_id"].get<std::string>()));
            const std::string prefix = e["agent"]["id"].get<std::string>() + "-" +
                                       std::to_string(e["process"]["pid"].get<std::int64_t>()) + "-";
            QVERIFY2(decoded.toStdString().starts_with(prefix), decoded.constData());
        }
    }

    void monitorsExit255()
    {
        int monitors = 0;
        for (const json& e : dump_.events) {
            const json& p = e["process"];
            const bool monitor = action(e) == "end" && contains(p["args"], "-R") &&
                                 p["parent"]["command_line"].get<std::string>().starts_with("sshd: ");
            if (monitor) {
                QCOMPARE(p["exit_code"].get<int>(), 255);
                ++monitors;
            }
        }
        QCOMPARE(monitors, int(dump_.summary.connections));
    }

    void windowsHostsAreWindows()
    {
        int windowsEvents = 0;
        for (const json& e : dump_.events) {
            const bool windowsName = e["host"]["name"].get<std::string>().starts_with("win-");
            QCOMPARE(e["host"]["os"]["type"].get<std::string>(), std::string(windowsName ? "windows" : "linux"));
            windowsEvents += windowsName ? 1 : 0;
        }
        QVERIFY(windowsEvents > 3);
    }

    void expectedMatchesSatisfyRule()
    {
        std::map<std::string, const json*> byId;
        for (const json& e : dump_.events) {
            byId[e["event"]["id"]] = &e;
        }
        const json& matches = dump_.truth["expected_rule_matches"];
        QVERIFY(!matches.empty());
        for (const json& match : matches) {
            QCOMPARE(match["events"].size(), std::size_t(4));
            std::vector<const json*> steps;
            for (const json& id : match["events"]) {
                QVERIFY(byId.count(id));
                steps.push_back(byId[id]);
            }
            QVERIFY(ruleStep1(*steps[0]));
            QVERIFY(ruleStep2(*steps[1]));
            QVERIFY(ruleStep3(*steps[2]));
            QVERIFY(ruleStep4(*steps[3]));
            QVERIFY(ownKey(*steps[0]) == parentKey(*steps[1]));
            QVERIFY(ownKey(*steps[0]) == ownKey(*steps[2]));
            QVERIFY(ownKey(*steps[0]) == ownKey(*steps[3]));
            for (int i = 1; i < 4; ++i) {
                QVERIFY(ruleOrder(*steps[i - 1]) < ruleOrder(*steps[i]));
            }
            const std::int64_t span = nanos((*steps[3])["event"]["ingested"]) - nanos((*steps[0])["event"]["ingested"]);
            QVERIFY(span <= 1'000'000'000);
        }
    }

    void expectedMatchesAreAllMatches()
    {
        std::set<std::vector<std::string>> expected;
        for (const json& match : dump_.truth["expected_rule_matches"]) {
            expected.insert(match["events"].get<std::vector<std::string>>());
        }
        const auto found = runRuleByHand(dump_.events);
        QCOMPARE(found.size(), expected.size());
        QVERIFY(found == expected);
    }

    void exploitationsLabelled()
    {
        std::map<std::string, int> malicious;
        for (const json& entry : dump_.truth["malicious"]) {
            ++malicious[entry["case"]];
            QVERIFY(entry["monitor_pid"].is_number_integer());
            QVERIFY(entry["monitor_entity_id"].is_string());
        }
        QCOMPARE(malicious["xz_exploit"], 1);
        QCOMPARE(malicious["xz_exploit_sleep"], 1);
        QCOMPARE(malicious["xz_exploit_netchild"], 1);
        QCOMPARE(malicious["xz_exploit_new_openssh"], 1);
        std::map<std::string, int> labels;
        for (const json& match : dump_.truth["expected_rule_matches"]) {
            ++labels[match["case"]];
        }
        QCOMPARE(labels["xz_exploit"], 1);
        QCOMPARE(labels.count("xz_exploit_sleep"), std::size_t(0));
        QCOMPARE(labels.count("xz_exploit_netchild"), std::size_t(0));
        QCOMPARE(labels.count("xz_exploit_new_openssh"), std::size_t(0));
        QVERIFY(labels["benign"] > 0);
    }

    void moreExploitsMoreMatches()
    {
        Options options;
        options.exploits = 5;
        options.nearMisses = false;
        const Dump dump = generateDump(options);
        int exploitMatches = 0;
        for (const json& match : dump.truth["expected_rule_matches"]) {
            exploitMatches += match["case"] == "xz_exploit" ? 1 : 0;
        }
        QCOMPARE(exploitMatches, 5);
        QCOMPARE(dump.truth["malicious"].size(), std::size_t(5));
        QVERIFY(runRuleByHand(dump.events).size() == dump.truth["expected_rule_matches"].size());
    }

    void targetEventsWithinTenPercent_data()
    {
        QTest::addColumn<quint64>("target");
        QTest::newRow("20k") << quint64(20'000);
        QTest::newRow("200k") << quint64(200'000);
    }

    void targetEventsWithinTenPercent()
    {
        QFETCH(quint64, target);
        Options options;
        options.targetEvents = target;
        LineCounter counter;
        std::ostream out(&counter);
        const auto summary = spoor::scenario::generate(options, out);
        QCOMPARE(counter.lines, summary.events);
        const double ratio = static_cast<double>(summary.events) / static_cast<double>(target);
        QVERIFY2(ratio > 0.9 && ratio < 1.1, std::to_string(summary.events).c_str());
    }

    void invalidOptionsThrow_data()
    {
        QTest::addColumn<int>("linuxHosts");
        QTest::addColumn<int>("minutes");
        QTest::addColumn<QString>("start");
        QTest::newRow("no minutes") << 4 << 0 << "2024-04-03T01:28:14Z";
        QTest::newRow("negative hosts") << -1 << 30 << "2024-04-03T01:28:14Z";
        QTest::newRow("bad start") << 4 << 30 << "yesterday";
    }

    void invalidOptionsThrow()
    {
        QFETCH(int, linuxHosts);
        QFETCH(int, minutes);
        QFETCH(QString, start);
        Options options;
        options.linuxHosts = linuxHosts;
        options.minutes = minutes;
        options.start = start.toStdString();
        std::ostringstream out;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, spoor::scenario::generate(options, out));
    }

    void bundledSampleIsCurrent()
    {
        const std::string folder = std::string(SPOOR_SOURCE_DIR) + "/resources/sample/";
        const std::string sample = gunzipFile(folder + "xz-sample.ndjson.gz");
        if (sample.empty()) {
            QSKIP("resources/sample/xz-sample.ndjson.gz not found");
        }
        QVERIFY2(sample == dump_.text, "regenerate the sample with the command in resources/sample/README.md");
        std::ifstream truthFile(folder + "xz-sample.truth.json");
        QVERIFY(json::parse(truthFile) == dump_.truth);
    }

    // Every (dataset, action) of the corpus's Elastic Defend examples has the same field paths here.
    void fieldsMatchCorpusShape()
    {
        SPOOR_REQUIRE_SHARED(corpusPath, "corpus/scenarios/xz-basic.ndjson");
        const auto pathsOf = [](const json& e) {
            const spoor::ecs::Event event = spoor::ecs::flatten(e);
            std::set<std::string> paths;
            for (const auto& field : event.fields()) {
                paths.insert(field.first);
            }
            return paths;
        };
        std::map<std::string, std::set<std::string>> corpusShapes;
        std::ifstream corpus(corpusPath.toStdString());
        std::string line;
        while (std::getline(corpus, line)) {
            const json e = json::parse(line);
            const std::string kind = e["event"]["dataset"].get<std::string>() + " " + action(e);
            const auto paths = pathsOf(e);
            corpusShapes[kind].insert(paths.begin(), paths.end());
        }
        std::map<std::string, std::set<std::string>> ourShapes;
        for (const json& e : dump_.events) {
            const auto paths = pathsOf(e);
            ourShapes[e["event"]["dataset"].get<std::string>() + " " + action(e)].insert(paths.begin(), paths.end());
        }
        for (const auto& [kind, paths] : corpusShapes) {
            QVERIFY2(ourShapes.count(kind), kind.c_str());
            QVERIFY2(ourShapes[kind] == paths, kind.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestScenario)
#include "test_scenario.moc"
