#pragma once

#include "ingest/document_reader.h"
#include "ingest/ndjson_reader.h"
#include "ingest/xml_element.h"

namespace spoor::ingest {

// Returns true when a line of the sample carries a Sysmon for Linux XML event ("<Event><System>...").
bool isSysmonSyslog(std::string_view sample);

// Reads Sysmon for Linux syslog lines ("Oct 24 17:05:38 host sysmon: <Event>...</Event>") and returns one
// generated ECS document per event (see sysmonEventToEcs). Lines without an <Event>, such as the banner
// Sysmon logs at start, and events that are not valid XML are reported as issues and skipped.
class SysmonReader : public DocumentReader
{
public:
    SysmonReader(StreamBuffer& buffer, std::size_t maxLineBytes);
    Step next(RawDocument& document, ReadIssue& issue) override;

private:
    NdjsonReader lines_;
    XmlElement event_;
    std::string error_;
};

} // namespace spoor::ingest
