#include "widgets/csv_time_zone_dialog.h"

#include "ingest/time_zone.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTimeZone>
#include <QVBoxLayout>

namespace spoor::ui {

namespace {

const QLatin1String settingsKey("import/csvTimeZone");

// Returns the importer's error for a zone name, or an empty string when it can load the zone.
QString zoneProblem(const QString& zone)
{
    std::string error;
    if (ingest::TimeZone::load(zone.trimmed().toStdString(), error))
        return {};
    return QString::fromStdString(error);
}

} // namespace

CsvTimeZoneDialog::CsvTimeZoneDialog(const QStringList& files, QWidget* parent)
    : QDialog(parent), zones_(new QComboBox(this)), problem_(new QLabel(this)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Time zone of the CSV dates"));
    QStringList names;
    for (const QString& file : files)
        names.append(QFileInfo(file).fileName());
    auto* explanation = new QLabel(
        tr("%1 %2 a Kibana Discover CSV export. Its dates have no UTC offset: Kibana wrote them in the zone of its "
           "dateFormat:tz setting, by default the zone of the browser that exported them. In which zone are they?")
            .arg(names.join(QLatin1String(", ")), files.size() == 1 ? tr("is") : tr("are each")),
        this);
    explanation->setTextFormat(Qt::PlainText); // file names are data
    explanation->setWordWrap(true);

    zones_->setObjectName(QStringLiteral("csvTimeZone"));
    zones_->setEditable(true);
    zones_->setInsertPolicy(QComboBox::NoInsert);
    zones_->addItem(QStringLiteral("UTC"));
    for (const QByteArray& id : QTimeZone::availableTimeZoneIds())
        zones_->addItem(QString::fromUtf8(id));
    zones_->setToolTip(tr("UTC, an offset such as +02:00, or a TZ database name such as Europe/Berlin"));
    problem_->setObjectName(QStringLiteral("csvTimeZoneProblem"));
    problem_->setTextFormat(Qt::PlainText);
    problem_->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(zones_);
    layout->addWidget(problem_);
    layout->addWidget(buttons_);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(zones_, &QComboBox::currentTextChanged, this, &CsvTimeZoneDialog::validate);
    setTimeZone(defaultTimeZone());
}

QString CsvTimeZoneDialog::timeZone() const
{
    return zones_->currentText().trimmed();
}

void CsvTimeZoneDialog::setTimeZone(const QString& zone)
{
    zones_->setCurrentText(zone);
    validate();
}

QString CsvTimeZoneDialog::defaultTimeZone()
{
    const QString saved = QSettings().value(settingsKey).toString();
    if (!saved.isEmpty() && zoneProblem(saved).isEmpty())
        return saved;
    const QString system = QString::fromUtf8(QTimeZone::systemTimeZoneId());
    if (!system.isEmpty() && zoneProblem(system).isEmpty())
        return system;
    return QStringLiteral("UTC");
}

void CsvTimeZoneDialog::validate()
{
    const QString problem = zoneProblem(timeZone());
    valid_ = problem.isEmpty();
    problem_->setText(problem);
    problem_->setVisible(!valid_);
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(valid_);
}

void CsvTimeZoneDialog::accept()
{
    if (!valid_)
        return;
    QSettings().setValue(settingsKey, timeZone());
    QDialog::accept();
}

} // namespace spoor::ui
