#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace spoor::ui {

// The most recently opened case files, newest first, kept in QSettings under "recentCases". A File menu
// entry lists them; choosing one emits openRequested.
class RecentFiles : public QObject
{
    Q_OBJECT

public:
    static constexpr int maxFiles = 10;

    explicit RecentFiles(QObject* parent = nullptr);

    // Moves a path to the top of the list (it is stored as an absolute path) and saves the list.
    void add(const QString& path);
    void clear();
    QStringList paths() const;

    // Returns the submenu that lists the files; it is rebuilt whenever the list changes.
    QMenu* menu() const { return menu_; }

signals:
    void openRequested(const QString& path);

private:
    void rebuildMenu();

    QMenu* menu_;
};

} // namespace spoor::ui
