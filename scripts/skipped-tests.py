"""Prints each skipped test with its reason from the TRX reports of a `dotnet test` run (the console hides the reasons)."""
import glob
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}

for report in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    for result in ET.parse(report).getroot().iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") == "NotExecuted":
            reason = result.findtext("t:Output/t:ErrorInfo/t:Message", default="(no reason given)", namespaces=NS)
            print(f"skipped: {result.get('testName')} — {reason.strip()}")
