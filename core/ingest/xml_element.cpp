#include "ingest/xml_element.h"

#include <charconv>
#include <cstdint>

namespace spoor::ingest {

namespace {

bool isNameStart(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' ||
           static_cast<unsigned char>(c) >= 0x80;
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

bool isXmlSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void appendUtf8(std::string& out, std::uint32_t codePoint)
{
    if (codePoint < 0x80) {
        out += static_cast<char>(codePoint);
    } else if (codePoint < 0x800) {
        out += static_cast<char>(0xc0 | (codePoint >> 6));
        out += static_cast<char>(0x80 | (codePoint & 0x3f));
    } else if (codePoint < 0x10000) {
        out += static_cast<char>(0xe0 | (codePoint >> 12));
        out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (codePoint & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (codePoint >> 18));
        out += static_cast<char>(0x80 | ((codePoint >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (codePoint & 0x3f));
    }
}

// XML 1.0 Char production: no NUL, no other C0 control except tab, newline and carriage return, no surrogates.
bool isXmlChar(std::uint32_t codePoint)
{
    if (codePoint < 0x20)
        return codePoint == 0x9 || codePoint == 0xa || codePoint == 0xd;
    if (codePoint >= 0xd800 && codePoint <= 0xdfff)
        return false;
    return codePoint <= 0x10ffff && codePoint != 0xfffe && codePoint != 0xffff;
}

class Parser
{
public:
    Parser(std::string_view text, std::string& error) : text_(text), error_(error) {}

    bool parseDocument(XmlElement& root)
    {
        skipSpace();
        if (!parseElement(root, 1))
            return false;
        skipSpace();
        if (pos_ != text_.size())
            return fail("unexpected text after the end of the <" + root.name + "> element");
        return true;
    }

private:
    bool fail(const std::string& message)
    {
        if (error_.empty())
            error_ = "invalid XML at byte " + std::to_string(pos_) + ": " + message;
        return false;
    }

    bool atEnd() const { return pos_ >= text_.size(); }

    bool startsWith(std::string_view prefix) const { return text_.substr(pos_).starts_with(prefix); }

    void skipSpace()
    {
        while (!atEnd() && isXmlSpace(text_[pos_]))
            ++pos_;
    }

    bool parseName(std::string& name)
    {
        if (atEnd() || !isNameStart(text_[pos_]))
            return fail("expected a name");
        const std::size_t start = pos_;
        while (!atEnd() && isNameChar(text_[pos_]))
            ++pos_;
        name.assign(text_.substr(start, pos_ - start));
        return true;
    }

    bool parseCharacterReference(std::string& out, std::string_view body)
    {
        const bool hex = body.starts_with("#x");
        const std::string_view digits = body.substr(hex ? 2 : 1);
        std::uint32_t codePoint = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), codePoint, hex ? 16 : 10);
        if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || !isXmlChar(codePoint))
            return fail("invalid character reference \"&" + std::string(body) + ";\"");
        appendUtf8(out, codePoint);
        return true;
    }

    // Decodes the reference at '&' and appends its character.
    bool parseReference(std::string& out)
    {
        const std::size_t semicolon = text_.find(';', pos_);
        if (semicolon == std::string_view::npos || semicolon - pos_ > 12)
            return fail("'&' does not start an entity reference");
        const std::string_view body = text_.substr(pos_ + 1, semicolon - pos_ - 1);
        pos_ = semicolon + 1;
        if (body == "lt")
            out += '<';
        else if (body == "gt")
            out += '>';
        else if (body == "amp")
            out += '&';
        else if (body == "quot")
            out += '"';
        else if (body == "apos")
            out += '\'';
        else if (body.starts_with('#'))
            return parseCharacterReference(out, body);
        else
            return fail("unknown entity \"&" + std::string(body) + ";\"");
        return true;
    }

    bool parseAttribute(XmlElement& element)
    {
        std::string name;
        if (!parseName(name))
            return false;
        skipSpace();
        if (atEnd() || text_[pos_] != '=')
            return fail("expected '=' after the attribute " + name);
        ++pos_;
        skipSpace();
        if (atEnd() || (text_[pos_] != '"' && text_[pos_] != '\''))
            return fail("expected a quoted value for the attribute " + name);
        const char quote = text_[pos_++];
        std::string value;
        while (!atEnd() && text_[pos_] != quote) {
            if (text_[pos_] == '<')
                return fail("'<' inside the value of the attribute " + name);
            if (text_[pos_] == '&') {
                if (!parseReference(value))
                    return false;
            } else {
                value += text_[pos_++];
            }
        }
        if (atEnd())
            return fail("the value of the attribute " + name + " is not terminated");
        ++pos_;
        for (const auto& attribute : element.attributes) {
            if (attribute.first == name)
                return fail("duplicate attribute " + name);
        }
        element.attributes.emplace_back(std::move(name), std::move(value));
        return true;
    }

    bool skipPast(std::string_view terminator, const char* what)
    {
        const std::size_t end = text_.find(terminator, pos_);
        if (end == std::string_view::npos)
            return fail(std::string(what) + " is not terminated");
        pos_ = end + terminator.size();
        return true;
    }

    bool parseContent(XmlElement& element, std::size_t depth)
    {
        for (;;) {
            if (atEnd())
                return fail("the element <" + element.name + "> is not closed");
            if (startsWith("</"))
                return true;
            if (startsWith("<!--")) {
                if (!skipPast("-->", "a comment"))
                    return false;
            } else if (startsWith("<![CDATA[")) {
                const std::size_t start = pos_ + 9;
                if (!skipPast("]]>", "a CDATA section"))
                    return false;
                element.text.append(text_.substr(start, pos_ - 3 - start));
            } else if (startsWith("<!") || startsWith("<?")) {
                return fail("declarations and processing instructions are not supported inside an element");
            } else if (text_[pos_] == '<') {
                if (!parseElement(element.children.emplace_back(), depth + 1))
                    return false;
            } else if (text_[pos_] == '&') {
                if (!parseReference(element.text))
                    return false;
            } else {
                element.text += text_[pos_++];
            }
        }
    }

    bool parseElement(XmlElement& element, std::size_t depth)
    {
        if (depth > maxXmlDepth)
            return fail("elements nest more than " + std::to_string(maxXmlDepth) + " levels deep");
        if (atEnd() || text_[pos_] != '<')
            return fail("expected '<'");
        ++pos_;
        if (!parseName(element.name))
            return false;
        for (;;) {
            const std::size_t before = pos_;
            skipSpace();
            if (atEnd())
                return fail("the start tag <" + element.name + "> is not terminated");
            if (startsWith("/>")) {
                pos_ += 2;
                return true;
            }
            if (text_[pos_] == '>') {
                ++pos_;
                break;
            }
            if (pos_ == before)
                return fail("expected whitespace before an attribute of <" + element.name + ">");
            if (!parseAttribute(element))
                return false;
        }
        if (!parseContent(element, depth))
            return false;
        pos_ += 2;
        std::string closing;
        if (!parseName(closing))
            return false;
        if (closing != element.name)
            return fail("</" + closing + "> closes <" + element.name + ">");
        skipSpace();
        if (atEnd() || text_[pos_] != '>')
            return fail("expected '>' after </" + closing);
        ++pos_;
        return true;
    }

    std::string_view text_;
    std::string& error_;
    std::size_t pos_ = 0;
};

} // namespace

const std::string* XmlElement::attribute(std::string_view attributeName) const
{
    for (const auto& [key, value] : attributes) {
        if (key == attributeName)
            return &value;
    }
    return nullptr;
}

const XmlElement* XmlElement::child(std::string_view childName) const
{
    for (const XmlElement& element : children) {
        if (element.name == childName)
            return &element;
    }
    return nullptr;
}

bool parseXmlElement(std::string_view text, XmlElement& root, std::string& error)
{
    root = XmlElement{};
    error.clear();
    Parser parser(text, error);
    return parser.parseDocument(root);
}

} // namespace spoor::ingest
