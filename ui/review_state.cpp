#include "review_state.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPixmap>

namespace spoor::ui {

ReviewState reviewState(const std::optional<std::string>& verdict)
{
    if (verdict == "benign")
        return ReviewState::Benign;
    if (verdict == "malicious")
        return ReviewState::Malicious;
    return ReviewState::Unreviewed;
}

ReviewState reviewState(const QString& verdict)
{
    return verdict.isEmpty() ? ReviewState::Unreviewed : reviewState(std::optional(verdict.toStdString()));
}

QColor reviewColor(ReviewState state)
{
    switch (state) {
    case ReviewState::Benign:
        return QColor(0x3a, 0x9a, 0x4a);
    case ReviewState::Malicious:
        return QColor(0xd0, 0x20, 0x20);
    case ReviewState::Unreviewed:
        break;
    }
    return QColor(0xff, 0x9d, 0x00);
}

QIcon reviewIcon(ReviewState state)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(reviewColor(state).darker(140), 1));
    painter.setBrush(reviewColor(state));
    painter.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    return QIcon(pixmap);
}

QString reviewText(ReviewState state)
{
    switch (state) {
    case ReviewState::Benign:
        return QCoreApplication::translate("spoor::ui::ReviewState", "benign");
    case ReviewState::Malicious:
        return QCoreApplication::translate("spoor::ui::ReviewState", "malicious");
    case ReviewState::Unreviewed:
        break;
    }
    return QCoreApplication::translate("spoor::ui::ReviewState", "unreviewed");
}

} // namespace spoor::ui
