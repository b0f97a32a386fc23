"""Prints each skipped test with its reason and each failed test with its message, from the TRX reports of a
`dotnet test` run (the quiet console shows neither)."""
import glob
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}

for report in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    for result in ET.parse(report).getroot().iterfind(".//t:UnitTestResult", NS):
        outcome = result.get("outcome")
        message = (result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=NS) or "").strip()
        if outcome == "NotExecuted":
            print(f"skipped: {result.get('testName')} — {message or '(no reason given)'}")
        elif outcome == "Failed":
            stack = (result.findtext("t:Output/t:ErrorInfo/t:StackTrace", default="", namespaces=NS) or "").strip()
            print(f"FAILED: {result.get('testName')}\n  {message[:2000]}\n  {stack[:1500]}")
