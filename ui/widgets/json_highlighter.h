#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace spoor::ui {

// Colours JSON text: member names, strings, numbers, and the literals true, false and null. It reads
// one line at a time and so expects the pretty-printed form, where no string spans lines.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument* document);

protected:
    void highlightBlock(const QString& text) override;

private:
    QTextCharFormat key_;
    QTextCharFormat string_;
    QTextCharFormat number_;
    QTextCharFormat literal_;
};

} // namespace spoor::ui
