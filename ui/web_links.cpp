#include "web_links.h"

#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QUrl>
#include <vector>

namespace spoor::ui {

bool isWebLink(const QUrl& url)
{
    if (!url.isValid())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("mailto"))
        return !url.path().isEmpty();
    return (scheme == QLatin1String("http") || scheme == QLatin1String("https")) && !url.host().isEmpty();
}

void unlinkNonWebAnchors(QTextDocument& document)
{
    struct Range
    {
        int position;
        int length;
        QTextCharFormat format;
    };
    // Collected first, because changing a character format while iterating can merge or split fragments.
    std::vector<Range> ranges;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto fragment = block.begin(); !fragment.atEnd(); ++fragment) {
            const QTextCharFormat format = fragment.fragment().charFormat();
            if (format.isAnchor() && !isWebLink(QUrl(format.anchorHref())))
                ranges.push_back({fragment.fragment().position(), fragment.fragment().length(), format});
        }
    }
    QTextCursor cursor(&document);
    for (const Range& range : ranges) {
        cursor.setPosition(range.position);
        cursor.setPosition(range.position + range.length, QTextCursor::KeepAnchor);
        QTextCharFormat format = range.format;
        format.setAnchor(false);
        format.clearProperty(QTextFormat::AnchorHref);
        format.clearProperty(QTextFormat::AnchorName);
        format.clearProperty(QTextFormat::TextUnderlineStyle);
        format.clearProperty(QTextFormat::FontUnderline);
        format.clearForeground();
        cursor.setCharFormat(format);
    }
}

} // namespace spoor::ui
