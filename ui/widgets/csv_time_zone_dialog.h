#pragma once

#include <QDialog>
#include <QString>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QLabel;

namespace spoor::ui {

// Asks for the time zone of Kibana Discover CSV exports before they are imported. Kibana writes their dates
// without a UTC offset, in the zone of its dateFormat:tz setting (by default the browser's). The dialog offers
// the zone chosen last time, else the system's, and accepts "UTC", an offset such as "+02:00" or a TZ
// database name; OK is enabled only for a zone the importer can load. Accepting stores the choice in
// QSettings under "import/csvTimeZone".
class CsvTimeZoneDialog : public QDialog
{
    Q_OBJECT

public:
    explicit CsvTimeZoneDialog(const QStringList& files, QWidget* parent = nullptr);

    QString timeZone() const;
    void setTimeZone(const QString& zone);
    bool isTimeZoneValid() const { return valid_; }
    QComboBox* zoneBox() const { return zones_; }

    // Returns the zone stored by the last accepted dialog, else the system's zone when the importer can load
    // it, else "UTC".
    static QString defaultTimeZone();

    void accept() override;

private:
    void validate();

    QComboBox* zones_;
    QLabel* problem_;
    QDialogButtonBox* buttons_;
    bool valid_ = false;
};

} // namespace spoor::ui
