#include "widgets/json_highlighter.h"

#include <QGuiApplication>
#include <QPalette>
#include <QRegularExpression>

namespace spoor::ui {

namespace {

bool darkPalette()
{
    return QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument* document) : QSyntaxHighlighter(document)
{
    const bool dark = darkPalette();
    key_.setForeground(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x00, 0x45, 0x8b));
    key_.setFontWeight(QFont::DemiBold);
    string_.setForeground(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15));
    number_.setForeground(dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58));
    literal_.setForeground(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x00, 0xff));
}

void JsonHighlighter::highlightBlock(const QString& text)
{
    // A string with its escapes, then what follows it: a colon makes it a member name.
    static const QRegularExpression string(QStringLiteral(R"("(?:[^"\\]|\\.)*"(\s*:)?)"));
    static const QRegularExpression number(QStringLiteral(R"((?<![\w".])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)"));
    static const QRegularExpression literal(QStringLiteral(R"(\b(?:true|false|null)\b)"));

    std::vector<std::pair<qsizetype, qsizetype>> strings;
    for (auto it = string.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const bool isKey = !match.captured(1).isEmpty();
        const qsizetype length = match.capturedLength(0) - match.capturedLength(1);
        setFormat(int(match.capturedStart(0)), int(length), isKey ? key_ : string_);
        strings.emplace_back(match.capturedStart(0), match.capturedEnd(0));
    }
    const auto insideString = [&strings](qsizetype position) {
        return std::any_of(strings.begin(), strings.end(), [position](const auto& range) {
            return position >= range.first && position < range.second;
        });
    };
    for (const QRegularExpression* pattern : {&number, &literal}) {
        for (auto it = pattern->globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            if (!insideString(match.capturedStart(0)))
                setFormat(int(match.capturedStart(0)), int(match.capturedLength(0)),
                          pattern == &number ? number_ : literal_);
        }
    }
}

} // namespace spoor::ui
