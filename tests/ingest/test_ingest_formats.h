#pragma once

#include <QObject>

// Import of every Elastic dump shape, Kibana Discover CSV and Sysmon for Linux syslog, detected by content.
// Declared apart from the test bodies because moc 6.4 cannot parse some of their raw string literals.
class TestIngestFormats : public QObject
{
    Q_OBJECT

private slots:
    void bulkActions_data();
    void bulkActions();
    void dottedKeysMatchNested();
    void prettySearchPages();
    void searchHitLocations();
    void eqlSequenceEventLocation();
    void truncatedZstdHits();
    void fieldsShapes_data();
    void fieldsShapes();
    void eqlResponse_data();
    void eqlResponse();
    void kibanaCsvImport();
    void kibanaCsvTimeZone_data();
    void kibanaCsvTimeZone();
    void kibanaCsvBadRecords();
    void kibanaCsvNoFinalLineBreak();
    void kibanaCsvInvalidZone();
    void kibanaDates_data();
    void kibanaDates();
    void timeZoneConversion_data();
    void timeZoneConversion();
    void timeZoneRejectsNames();
    void sysmonMapping();
    void sysmonBadRecords();
    void sysmonCorpusExcerpt();
    void sysmonMatchesElasticMapping();
    void detectsByContent_data();
    void detectsByContent();
    void rejectsUnsupportedText();
    void capabilitiesOfFormats();
};
