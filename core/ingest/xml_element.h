#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace spoor::ingest {

// One element of a small XML document such as a Sysmon <Event>, with entities already decoded.
struct XmlElement
{
    std::string name;
    std::vector<std::pair<std::string, std::string>> attributes;
    std::string text; // the character data directly inside the element, concatenated
    std::vector<XmlElement> children;

    // Returns the attribute's value, or nullptr when the element has no such attribute.
    const std::string* attribute(std::string_view attributeName) const;

    // Returns the first child element with this name, or nullptr.
    const XmlElement* child(std::string_view childName) const;
};

// Deepest element nesting accepted; a Sysmon event nests three levels.
constexpr std::size_t maxXmlDepth = 32;

// Parses one XML element and its content, with nothing but whitespace after it. Supports the subset that
// event producers write: elements, attributes in single or double quotes, character data, the five
// predefined entities, numeric character references, comments and CDATA sections. Rejects document type
// declarations and processing instructions inside the element. Returns false and sets `error` on invalid
// input, naming the byte offset.
bool parseXmlElement(std::string_view text, XmlElement& root, std::string& error);

} // namespace spoor::ingest
