#include "rules_panel/eql_highlighter.h"

#include <QColor>
#include <QFont>
#include <QLatin1StringView>
#include <algorithm>

namespace spoor::ui {

namespace {

// The reserved words of Elasticsearch 8 EQL, and the case-insensitive operator forms.
constexpr std::array keywords = {"and",      "any",  "by",   "child", "descendant", "false",   "fork",
                                 "in",       "in~",  "join", "like",  "like~",      "maxspan", "not",
                                 "null",     "of",   "or",   "regex", "regex~",     "runs",    "sample",
                                 "sequence", "size", "true", "until", "where",      "with"};

bool isKeyword(QStringView word)
{
    return std::any_of(keywords.begin(), keywords.end(),
                       [word](const char* keyword) { return word.compare(QLatin1StringView(keyword)) == 0; });
}

bool isNameStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c == QLatin1Char('@');
}

bool isNamePart(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.') || c == QLatin1Char('@');
}

// Returns the position after the spaces starting at `position`.
qsizetype skipSpaces(QStringView line, qsizetype position)
{
    while (position < line.size() && line[position].isSpace())
        ++position;
    return position;
}

// Scans a name at `start`; a trailing '~' belongs to it when it makes a case-insensitive operator.
EqlTokenKind nameKind(QStringView line, qsizetype start, qsizetype& end)
{
    end = start;
    while (end < line.size() && isNamePart(line[end]))
        ++end;
    QStringView word = line.mid(start, end - start);
    if (end < line.size() && line[end] == QLatin1Char('~') && isKeyword(line.mid(start, end - start + 1))) {
        ++end;
        word = line.mid(start, end - start);
    }
    if (isKeyword(word))
        return EqlTokenKind::Keyword;
    const qsizetype next = skipSpaces(line, end);
    if (next < line.size() && line[next] == QLatin1Char('('))
        return EqlTokenKind::Function;
    // An event category (process, network, any) is the word before `where`.
    if (line.mid(next).startsWith(QLatin1StringView("where")) &&
        (next + 5 >= line.size() || !isNamePart(line[next + 5])))
        return EqlTokenKind::Keyword;
    return EqlTokenKind::Field;
}

// Returns the end of a one-line string opened at `start` by `quote`; escapes are skipped unless `raw`.
qsizetype stringEnd(QStringView line, qsizetype start, QChar quote, bool raw)
{
    qsizetype position = start + 1;
    while (position < line.size()) {
        if (!raw && line[position] == QLatin1Char('\\')) {
            position += 2;
            continue;
        }
        if (line[position] == quote)
            return position + 1;
        ++position;
    }
    return line.size();
}

qsizetype numberEnd(QStringView line, qsizetype position)
{
    while (position < line.size() && (line[position].isDigit() || line[position] == QLatin1Char('.') ||
                                      line[position] == QLatin1Char('e') || line[position] == QLatin1Char('E')))
        ++position;
    return position;
}

// Continues an open block comment or triple-quoted string from the start of a line. Returns where normal
// text resumes, or the line's size when it stays open.
qsizetype continueOpen(QStringView line, EqlLineState& state, std::vector<EqlTokenSpan>& spans)
{
    if (state == EqlLineState::Normal)
        return 0;
    const bool comment = state == EqlLineState::InComment;
    const qsizetype close = line.indexOf(comment ? QLatin1StringView("*/") : QLatin1StringView("\"\"\""));
    const qsizetype end = close < 0 ? line.size() : close + (comment ? 2 : 3);
    spans.push_back({0, static_cast<int>(end), comment ? EqlTokenKind::Comment : EqlTokenKind::String});
    if (close >= 0)
        state = EqlLineState::Normal;
    return end;
}

constexpr QLatin1StringView operatorCharacters("=!<>:~[](),|+-*/%?");

} // namespace

std::vector<EqlTokenSpan> scanEqlLine(QStringView line, EqlLineState& state)
{
    std::vector<EqlTokenSpan> spans;
    qsizetype position = continueOpen(line, state, spans);
    while (position < line.size()) {
        const QChar c = line[position];
        const QStringView rest = line.mid(position);
        qsizetype end = position + 1;
        EqlTokenKind kind = EqlTokenKind::Operator;
        if (c.isSpace()) {
            ++position;
            continue;
        } else if (rest.startsWith(QLatin1StringView("//"))) {
            end = line.size();
            kind = EqlTokenKind::Comment;
        } else if (rest.startsWith(QLatin1StringView("/*"))) {
            const qsizetype close = line.indexOf(QLatin1StringView("*/"), position + 2);
            end = close < 0 ? line.size() : close + 2;
            state = close < 0 ? EqlLineState::InComment : EqlLineState::Normal;
            kind = EqlTokenKind::Comment;
        } else if (rest.startsWith(QLatin1StringView("\"\"\""))) {
            const qsizetype close = line.indexOf(QLatin1StringView("\"\"\""), position + 3);
            end = close < 0 ? line.size() : close + 3;
            state = close < 0 ? EqlLineState::InTripleString : EqlLineState::Normal;
            kind = EqlTokenKind::String;
        } else if (rest.startsWith(QLatin1StringView("?\""))) {
            end = stringEnd(line, position + 1, QLatin1Char('"'), true);
            kind = EqlTokenKind::String;
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            end = stringEnd(line, position, c, false);
            kind = EqlTokenKind::String;
        } else if (c == QLatin1Char('`')) {
            end = stringEnd(line, position, c, true);
            kind = EqlTokenKind::Field;
        } else if (c.isDigit()) {
            end = numberEnd(line, position);
            kind = EqlTokenKind::Number;
        } else if (isNameStart(c)) {
            kind = nameKind(line, position, end);
        } else if (!operatorCharacters.contains(c)) {
            ++position; // an unexpected character: the parser reports it, the highlighter leaves it plain
            continue;
        }
        spans.push_back({static_cast<int>(position), static_cast<int>(end - position), kind});
        position = end;
    }
    return spans;
}

EqlHighlighter::EqlHighlighter(QTextDocument* document) : QSyntaxHighlighter(document)
{
    // Mid-tone colours that stay readable on the light and the dark palette.
    auto& keyword = formats_[static_cast<std::size_t>(EqlTokenKind::Keyword)];
    keyword.setForeground(QColor(0x3a, 0x7b, 0xd5));
    keyword.setFontWeight(QFont::Bold);
    formats_[static_cast<std::size_t>(EqlTokenKind::Function)].setForeground(QColor(0xa0, 0x52, 0xc8));
    formats_[static_cast<std::size_t>(EqlTokenKind::Field)].setForeground(QColor(0x1f, 0x95, 0x8f));
    formats_[static_cast<std::size_t>(EqlTokenKind::String)].setForeground(QColor(0xc8, 0x62, 0x2a));
    formats_[static_cast<std::size_t>(EqlTokenKind::Number)].setForeground(QColor(0x3a, 0x9d, 0x3a));
    formats_[static_cast<std::size_t>(EqlTokenKind::Operator)].setForeground(QColor(0xb0, 0x88, 0x00));
    auto& comment = formats_[static_cast<std::size_t>(EqlTokenKind::Comment)];
    comment.setForeground(QColor(0x80, 0x80, 0x80));
    comment.setFontItalic(true);
}

void EqlHighlighter::highlightBlock(const QString& text)
{
    const int previous = previousBlockState();
    auto state = previous < 0 ? EqlLineState::Normal : static_cast<EqlLineState>(previous);
    for (const EqlTokenSpan& span : scanEqlLine(text, state))
        setFormat(span.start, span.length, format(span.kind));
    setCurrentBlockState(static_cast<int>(state));
}

} // namespace spoor::ui
