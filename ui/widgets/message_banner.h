#pragma once

#include <QFrame>

class QLabel;

namespace spoor::ui {

// An inline message above the views (in place of a dialog), with optional links and a close button.
class MessageBanner : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Information, Warning, Error };

    explicit MessageBanner(QWidget* parent = nullptr);

    // Shows rich text; an <a href="..."> in it emits linkActivated with its href.
    void showMessage(Kind kind, const QString& richText);
    QString text() const;
    Kind kind() const { return kind_; }

signals:
    void linkActivated(const QString& link);

private:
    Kind kind_ = Kind::Information;
    QLabel* label_;
};

} // namespace spoor::ui
