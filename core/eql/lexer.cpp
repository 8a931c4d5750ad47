#include "eql/lexer.h"

#include "eql/eql_error.h"

#include <charconv>
#include <cstdint>

namespace spoor::eql {

std::string describe(const Token& token)
{
    if (token.kind == Token::Kind::End)
        return "<EOF>";
    if (token.kind == Token::Kind::String)
        return "'\"" + token.text + "\"'";
    if (token.kind == Token::Kind::QuotedIdentifier)
        return "'`" + token.text + "`'";
    return "'" + token.text + "'";
}

namespace {

bool isIdentifierStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '@';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isIdentifierPart(char c)
{
    return isIdentifierStart(c) || isDigit(c);
}

void appendUtf8(std::string& out, std::uint32_t code)
{
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

class Lexer
{
public:
    explicit Lexer(std::string_view text) : text_(text) {}

    std::vector<Token> run()
    {
        std::vector<Token> tokens;
        for (;;) {
            const bool space = skipSpaceAndComments();
            Token token = next();
            token.spaceBefore = space;
            const bool end = token.kind == Token::Kind::End;
            tokens.push_back(std::move(token));
            if (end)
                return tokens;
        }
    }

private:
    char peek(std::size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
    bool atEnd() const { return pos_ >= text_.size(); }

    void advance()
    {
        if (text_[pos_] == '\n') {
            ++line_;
            column_ = 1;
        } else if ((static_cast<unsigned char>(text_[pos_]) & 0xC0) != 0x80) {
            ++column_; // columns count characters, not UTF-8 continuation bytes
        }
        ++pos_;
    }

    [[noreturn]] void fail(int line, int column, const std::string& message) const
    {
        throw EqlError(line, column, message);
    }

    bool skipSpaceAndComments()
    {
        const std::size_t start = pos_;
        while (!atEnd()) {
            const char c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
                advance();
            } else if (c == '/' && peek(1) == '/') {
                while (!atEnd() && peek() != '\n')
                    advance();
            } else if (c == '/' && peek(1) == '*') {
                const int line = line_, column = column_;
                advance();
                advance();
                while (!atEnd() && !(peek() == '*' && peek(1) == '/'))
                    advance();
                if (atEnd())
                    fail(line, column, "unterminated comment: '/*' has no closing '*/'");
                advance();
                advance();
            } else {
                break;
            }
        }
        return pos_ != start;
    }

    Token make(Token::Kind kind, std::string text, int line, int column) const
    {
        Token token;
        token.kind = kind;
        token.text = std::move(text);
        token.line = line;
        token.column = column;
        return token;
    }

    Token next()
    {
        const int line = line_, column = column_;
        if (atEnd())
            return make(Token::Kind::End, "", line, column);
        const char c = peek();
        if (isIdentifierStart(c))
            return identifier(line, column);
        if (isDigit(c))
            return number(line, column);
        if (c == '"')
            return string(line, column);
        if (c == '`')
            return quotedIdentifier(line, column);
        if (c == '\'')
            fail(line, column, "use double quotes [\"] to define string literals, not single quotes [']");
        return symbol(line, column);
    }

    Token identifier(int line, int column)
    {
        const std::size_t start = pos_;
        while (!atEnd() && isIdentifierPart(peek()))
            advance();
        if (peek() == '~')
            advance(); // like~, regex~, in~, startsWith~: the suffix belongs to the word
        return make(Token::Kind::Identifier, std::string(text_.substr(start, pos_ - start)), line, column);
    }

    Token number(int line, int column)
    {
        const std::size_t start = pos_;
        bool decimal = false;
        while (isDigit(peek()))
            advance();
        if (peek() == '.' && isDigit(peek(1))) {
            decimal = true;
            advance();
            while (isDigit(peek()))
                advance();
        }
        if ((peek() == 'e' || peek() == 'E') &&
            (isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
            decimal = true;
            advance();
            advance();
            while (isDigit(peek()))
                advance();
        }
        std::string text(text_.substr(start, pos_ - start));
        Token token = make(decimal ? Token::Kind::Decimal : Token::Kind::Integer, text, line, column);
        if (decimal) {
            token.decimal = parseDouble(text, line, column);
            return token;
        }
        const auto result = std::from_chars(text.data(), text.data() + text.size(), token.integer);
        if (result.ec != std::errc()) {
            token.kind = Token::Kind::Decimal; // beyond int64: read as a double
            token.decimal = parseDouble(text, line, column);
        }
        return token;
    }

    // Reads a number the lexer has already checked for syntax; fails when it does not fit a double.
    double parseDouble(const std::string& text, int line, int column) const
    {
        double value = 0;
        const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
        if (result.ec != std::errc() || result.ptr != text.data() + text.size())
            fail(line, column, "number " + text + " is out of range for a double");
        return value;
    }

    std::uint32_t unicodeEscape(int line, int column)
    {
        // At "{" after "\u": 1 to 8 hex digits and "}".
        if (peek() != '{')
            fail(line, column, "invalid unicode escape: expected '{' after \\u, as in \\u{0041}");
        advance();
        std::uint32_t code = 0;
        int digits = 0;
        while (!atEnd() && peek() != '}') {
            const char h = peek();
            int v = -1;
            if (isDigit(h))
                v = h - '0';
            else if (h >= 'a' && h <= 'f')
                v = h - 'a' + 10;
            else if (h >= 'A' && h <= 'F')
                v = h - 'A' + 10;
            if (v < 0 || ++digits > 8)
                fail(line, column, "invalid unicode escape: use 1 to 8 hex digits inside \\u{...}");
            code = code * 16 + static_cast<std::uint32_t>(v);
            advance();
        }
        if (atEnd() || digits == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            fail(line, column, "invalid unicode escape: use a code point from \\u{1} to \\u{10FFFF}");
        advance();
        return code;
    }

    Token string(int line, int column)
    {
        if (peek(1) == '"' && peek(2) == '"')
            return rawString(line, column);
        advance();
        std::string out;
        for (;;) {
            if (atEnd() || peek() == '\n')
                fail(line, column, "unterminated string: add the closing double quote");
            const char c = peek();
            if (c == '"') {
                advance();
                break;
            }
            if (c != '\\') {
                out += c;
                advance();
                continue;
            }
            const int escLine = line_, escColumn = column_;
            advance();
            const char e = peek();
            if (atEnd())
                fail(line, column, "unterminated string: add the closing double quote");
            advance();
            switch (e) {
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case '\\':
                out += '\\';
                break;
            case '"':
                out += '"';
                break;
            case '\'':
                out += '\'';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'u':
                appendUtf8(out, unicodeEscape(escLine, escColumn));
                break;
            default:
                fail(escLine, escColumn,
                     std::string("invalid escape sequence '\\") + e +
                         "': use \\n \\r \\t \\b \\f \\\\ \\\" \\' or \\u{XXXX}, or a \"\"\"raw\"\"\" string");
            }
        }
        return make(Token::Kind::String, std::move(out), line, column);
    }

    Token rawString(int line, int column)
    {
        for (int i = 0; i < 3; ++i)
            advance();
        const std::size_t start = pos_;
        while (!atEnd() && !(peek() == '"' && peek(1) == '"' && peek(2) == '"'))
            advance();
        if (atEnd())
            fail(line, column, "unterminated raw string: add the closing \"\"\"");
        // A raw string may end in quotes: """a""""" is a" followed by the closing three.
        while (peek(3) == '"')
            advance();
        std::string out(text_.substr(start, pos_ - start));
        for (int i = 0; i < 3; ++i)
            advance();
        return make(Token::Kind::String, std::move(out), line, column);
    }

    Token quotedIdentifier(int line, int column)
    {
        advance();
        std::string out;
        for (;;) {
            if (atEnd())
                fail(line, column, "unterminated quoted identifier: add the closing backquote");
            if (peek() == '`') {
                advance();
                if (peek() != '`')
                    break;
            }
            out += peek();
            advance();
        }
        return make(Token::Kind::QuotedIdentifier, std::move(out), line, column);
    }

    Token symbol(int line, int column)
    {
        static constexpr std::string_view twoChar[] = {"==", "!=", "<=", ">="};
        for (const auto op : twoChar) {
            if (text_.substr(pos_, 2) == op) {
                advance();
                advance();
                return make(Token::Kind::Symbol, std::string(op), line, column);
            }
        }
        static constexpr std::string_view oneChar = "<>=:+-*/%()[],.|!?~";
        const char c = peek();
        if (oneChar.find(c) == std::string_view::npos)
            fail(line, column, std::string("unexpected character '") + c + "'");
        advance();
        return make(Token::Kind::Symbol, std::string(1, c), line, column);
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    int line_ = 1;
    int column_ = 1;
};

} // namespace

std::vector<Token> tokenize(std::string_view text)
{
    return Lexer(text).run();
}

} // namespace spoor::eql
