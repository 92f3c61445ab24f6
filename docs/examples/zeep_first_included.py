#!/usr/bin/env python3
"""A first INCLUDED from Python zeep (docs/integrators.md, "First INCLUDED from zeep").

    /usr/bin/python3 docs/examples/zeep_first_included.py [http://localhost:8080] [user] [password]

Loads the node's WSDL, reads the sample inclusion request (MSG.001) of the repository into zeep's objects, gives it a
new EDocId, the current time and a trade name of its own (so it can run again and again), and sends it as a
member state's authority would: WS-Security UsernameToken with a password digest. Prints the MSG.004 answer.
"""
import datetime
import os
import sys
import uuid

import zeep
from lxml import etree
from zeep.wsse.username import UsernameToken

base = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
user = sys.argv[2] if len(sys.argv) > 2 else "ru"
password = sys.argv[3] if len(sys.argv) > 3 else "ru-dev-password"
sample = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                      "wsdl/src/main/resources/eaeu/pmm03/samples/dmd-msg001-include.xml")

# 1. the WSDL names the node's own address: client.service calls it, no binding by hand
client = zeep.Client(f"{base}/ws/commission?wsdl", wsse=UsernameToken(user, password, use_digest=True))

# 2. the request: the sample document (a record of Russia, the country of the user "ru"), with a fresh header
record = client.get_element("{urn:EEC:R:HC:MM:03:DrugMonitoringDetails:v1.0.0}DrugMonitoringDetails") \
    .parse(etree.parse(sample).getroot(), client.wsdl.types)
record.EDocHeader.EDocId = str(uuid.uuid4())
record.EDocHeader.EDocDateTime = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
record.DrugMonitoringItemDetails[0].DrugMonitoringDetails[0].DrugTradeName = "Пример-" + uuid.uuid4().hex[:8]

# 3. IncludeRecord (P.MM.03.TRN.001): MSG.001 -> MSG.004
answer = client.service.IncludeRecord(DrugMonitoringDetails=record)
print(answer.EDocHeader.InfEnvelopeCode, answer.ProcessingResultV2Code, answer.DescriptionText or "")
sys.exit(0 if answer.ProcessingResultV2Code == "INCLUDED" else 1)
