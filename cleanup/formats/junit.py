"""JUnit XML for CI dashboards: one test case per article, one failure per result that fails.

Results that do not fail the check (findings under ``--fail-on``) go to the test case's
``system-out``, so the dashboard still shows them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from . import Context
from .reports import FileReport, failing, result_line


def render(reports: list[FileReport], context: Context) -> str:
    suites = ET.Element("testsuites", name="cleanup")
    suite = ET.SubElement(suites, "testsuite", name="cleanup check")
    failures = 0
    for report in reports:
        case = ET.SubElement(suite, "testcase", name=report.file, classname="cleanup", file=report.file)
        passing = []
        for record in report.results():
            if failing(record, context.fail_on):
                failures += 1
                node = ET.SubElement(case, "failure", type=record["code"],
                                     message=f"{record['line']}:{record['col']}: {record['code']} {record['message']}")
                node.text = result_line(record)
            else:
                passing.append(result_line(record))
        if passing:
            ET.SubElement(case, "system-out").text = "\n".join(passing)
    for message in context.errors:  # an input that could not be read is an errored test case
        name = message.split(": ", 1)[0]
        case = ET.SubElement(suite, "testcase", name=name, classname="cleanup", file=name)
        ET.SubElement(case, "error", message=message, type="InputError").text = message
    for node in (suites, suite):
        node.set("tests", str(len(reports) + len(context.errors)))
        node.set("failures", str(failures))
        node.set("errors", str(len(context.errors)))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
