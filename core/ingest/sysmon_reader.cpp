#include "ingest/sysmon_reader.h"

#include "ingest/sysmon_mapping.h"

#include <nlohmann/json.hpp>

namespace spoor::ingest {

namespace {

constexpr std::size_t maxSampleLines = 32;

ReadIssue lineIssue(const RawDocument& line, std::string reason, std::string message)
{
    ReadIssue issue;
    issue.reason = std::move(reason);
    issue.message = std::move(message);
    issue.excerpt = excerptOf(line.input);
    issue.line = line.line;
    issue.byteOffset = line.byteOffset;
    return issue;
}

} // namespace

bool isSysmonSyslog(std::string_view sample)
{
    std::size_t start = 0;
    for (std::size_t lines = 0; lines < maxSampleLines && start < sample.size(); ++lines) {
        const std::size_t end = std::min(sample.find('\n', start), sample.size());
        const std::string_view line = sample.substr(start, end - start);
        const std::size_t event = line.find("<Event");
        if (event != std::string_view::npos && line.find("<System>", event) != std::string_view::npos)
            return true;
        start = end + 1;
    }
    return false;
}

SysmonReader::SysmonReader(StreamBuffer& buffer, std::size_t maxLineBytes)
    : lines_(buffer, InputFormat::NdjsonDocuments, maxLineBytes)
{}

DocumentReader::Step SysmonReader::next(RawDocument& document, ReadIssue& issue)
{
    const Step step = lines_.next(document, issue);
    if (step != Step::Document)
        return step;
    const std::string_view line = document.text;
    const std::size_t eventStart = line.find("<Event");
    if (eventStart == std::string_view::npos) {
        issue = lineIssue(document, "not-an-event",
                          "the line carries no Sysmon <Event> (for example Sysmon's start banner); it was skipped");
        return Step::Issue;
    }
    if (!parseXmlElement(line.substr(eventStart), event_, error_) || event_.name != "Event") {
        if (error_.empty())
            error_ = "the root element is <" + event_.name + ">, expected <Event>";
        issue = lineIssue(document, "invalid-xml", error_ + "; the event was skipped");
        return Step::Issue;
    }
    const nlohmann::json ecs = sysmonEventToEcs(event_, parseSyslogHeader(line.substr(0, eventStart)));
    document.generatedText = ecs.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    document.text = document.generatedText;
    return Step::Document;
}

} // namespace spoor::ingest
