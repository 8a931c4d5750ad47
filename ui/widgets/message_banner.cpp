#include "widgets/message_banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QTextDocument>
#include <QToolButton>

namespace spoor::ui {

MessageBanner::MessageBanner(QWidget* parent) : QFrame(parent), label_(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    label_->setWordWrap(true);
    label_->setTextFormat(Qt::RichText);
    label_->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(label_, &QLabel::linkActivated, this, &MessageBanner::linkActivated);

    auto* close = new QToolButton(this);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setAutoRaise(true);
    close->setToolTip(tr("Hide this message"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(label_, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    hide();
}

void MessageBanner::showMessage(Kind kind, const QString& richText)
{
    kind_ = kind;
    QColor background(0xe3, 0xf0, 0xfb);
    if (kind == Kind::Warning)
        background = QColor(0xfd, 0xf3, 0xd0);
    else if (kind == Kind::Error)
        background = QColor(0xfb, 0xdf, 0xdf);
    QPalette colors = palette();
    colors.setColor(QPalette::Window, background);
    colors.setColor(QPalette::WindowText, Qt::black);
    setPalette(colors);
    label_->setText(richText);
    show();
}

QString MessageBanner::text() const
{
    QTextDocument document;
    document.setHtml(label_->text());
    return document.toPlainText();
}

} // namespace spoor::ui
