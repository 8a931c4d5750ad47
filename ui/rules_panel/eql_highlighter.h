#pragma once

#include <QStringView>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>
#include <array>
#include <vector>

namespace spoor::ui {

// The kinds of EQL text the rule editor colours.
enum class EqlTokenKind {
    Keyword,  // sequence, by, where, and, ... and the event category before `where`
    Function, // a name followed by '(' (startsWith, cidrMatch, ...)
    Field,    // any other name, dotted or in backquotes
    String,   // "...", """...""", ?"..." and '...'
    Number,
    Operator, // == != < <= > >= : ~ [ ] ( ) , | ! and the arithmetic symbols
    Comment,  // // to the end of the line and /* ... */
};
constexpr int eqlTokenKindCount = 7;

struct EqlTokenSpan
{
    int start = 0;
    int length = 0;
    EqlTokenKind kind = EqlTokenKind::Field;
};

// The state a line ends in, for the next line: a block comment or a triple-quoted string stays open.
enum class EqlLineState { Normal = 0, InComment = 1, InTripleString = 2 };

// Splits one line of EQL into coloured spans. Unlike the parser it never fails: incomplete text (an open
// string, an unknown character) still gets spans, because the editor colours text while it is typed.
// `state` is the state of the previous line on input and the state at the end of this line on output.
std::vector<EqlTokenSpan> scanEqlLine(QStringView line, EqlLineState& state);

// Colours EQL in a QTextDocument with the formats of scanEqlLine's kinds.
class EqlHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit EqlHighlighter(QTextDocument* document);

    const QTextCharFormat& format(EqlTokenKind kind) const { return formats_[static_cast<std::size_t>(kind)]; }

protected:
    void highlightBlock(const QString& text) override;

private:
    std::array<QTextCharFormat, eqlTokenKindCount> formats_;
};

} // namespace spoor::ui
