"""The demo council's last complete quarter fills every section of the board pack."""
from datetime import date

from app.demo import load_demo
from app.reports import quarters as Q
from app.reports.board import pack as board_pack
from app.tenancy import acting_for


def test_the_demo_quarter_shows_every_section_of_the_pack(app, sign_in):
    people = load_demo()
    authority = people["manager"].authority
    quarter = Q.last_complete(date.today())
    with app.test_request_context(), acting_for(authority):
        pack = board_pack.build(authority, quarter)
    for section in pack.sections:
        if "quotes" in section.extras:
            assert len(section.extras["quotes"]) >= 3
            continue
        assert not section.empty, section.key
        for table in section.tables:
            shown = [row for row in table.rows if row.entries[0].cell is not None and (row.entries[0].cell.count is not None or row.entries[0].cell.percent is not None)]
            assert shown, (section.key, table.key)
    pledge = next(s for s in pack.sections if s.key == "pledge")
    assert pledge.extras["movers"] and pledge.extras["answers"]
    page = sign_in(people["manager"]).get("/staff/reports/board").get_data(as_text=True)
    assert quarter.label() in page
