#include "models/bookmarks.h"

#include "ecs/timestamp.h"
#include "store/database.h"
#include "store/statement.h"

#include <QPainter>
#include <QPixmap>
#include <chrono>

namespace spoor::ui {

namespace {

std::string nowIso()
{
    const auto sinceEpoch = std::chrono::system_clock::now().time_since_epoch();
    return ecs::formatIsoTimestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(sinceEpoch).count(), 3);
}

} // namespace

std::map<std::int64_t, QString> loadBookmarks(const store::Database& db)
{
    std::map<std::int64_t, QString> bookmarks;
    auto select = db.prepare("SELECT event, note FROM bookmarks ORDER BY id");
    while (select.step())
        bookmarks[select.int64(0)] = QString::fromStdString(select.text(1));
    return bookmarks;
}

std::optional<QString> bookmarkNote(const store::Database& db, std::int64_t eventId)
{
    auto select = db.prepare("SELECT note FROM bookmarks WHERE event = ? ORDER BY id DESC LIMIT 1");
    select.bind(1, eventId);
    if (!select.step())
        return std::nullopt;
    return QString::fromStdString(select.text(0));
}

void addBookmark(store::Database& db, std::int64_t eventId, const QString& note)
{
    store::Transaction transaction(db);
    auto exists = db.prepare("SELECT 1 FROM events WHERE id = ?");
    exists.bind(1, eventId);
    if (!exists.step())
        throw store::StoreError(db.path() + ": event " + std::to_string(eventId) + " is not in the case");
    removeBookmark(db, eventId);
    auto insert = db.prepare("INSERT INTO bookmarks (event, created_at, note) VALUES (?, ?, ?)");
    insert.bind(1, eventId).bind(2, nowIso());
    const QString trimmed = note.trimmed();
    if (trimmed.isEmpty())
        insert.bindNull(3);
    else
        insert.bind(3, trimmed.toStdString());
    insert.run();
    transaction.commit();
}

void removeBookmark(store::Database& db, std::int64_t eventId)
{
    auto remove = db.prepare("DELETE FROM bookmarks WHERE event = ?");
    remove.bind(1, eventId);
    remove.run();
}

QIcon bookmarkIcon()
{
    static const QIcon icon = [] {
        QPixmap pixmap(12, 12);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0x2f, 0x6f, 0xd0));
        const QPointF flag[] = {{2, 0}, {10, 0}, {10, 12}, {6, 8}, {2, 12}};
        painter.drawPolygon(flag, 5);
        return QIcon(pixmap);
    }();
    return icon;
}

} // namespace spoor::ui
