#include "plain_tool_tip.h"

namespace spoor::ui {

QString plainToolTip(const QString& text)
{
    if (text.isEmpty())
        return {};
    // Qt::convertFromPlainText() would collapse runs of spaces, which matter in command lines.
    return QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>").arg(text.toHtmlEscaped());
}

} // namespace spoor::ui
