#pragma once

#include <cstdint>
#include <string>

namespace spoor::eql {

// A lexical token with its 1-based position in the query text.
struct Token
{
    enum class Kind {
        End,
        Identifier,       // process, process.name parts, startsWith~, like~
        QuotedIdentifier, // `sequence` (text without the backquotes, doubled backquotes unescaped)
        String,           // text after unescaping
        Integer,
        Decimal,
        Symbol, // == != < <= > >= = : + - * / % ( ) [ ] , . | ! ?
    };

    Kind kind = Kind::End;
    std::string text;
    std::int64_t integer = 0;
    double decimal = 0;
    int line = 1;
    int column = 1;
    // True when whitespace or a comment separates this token from the previous one.
    bool spaceBefore = false;

    bool is(Kind k, std::string_view t) const { return kind == k && text == t; }
    bool isSymbol(std::string_view t) const { return is(Kind::Symbol, t); }
    bool isWord(std::string_view t) const { return is(Kind::Identifier, t); }
};

// Describes a token for error messages the way Elasticsearch does: 'text', or <EOF>.
std::string describe(const Token& token);

} // namespace spoor::eql
