#include "plain_tool_tip.h"

#include <QTextDocument>

namespace spoor::ui {

QString plainToolTip(const QString& text)
{
    if (text.isEmpty())
        return {};
    return Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal);
}

} // namespace spoor::ui
