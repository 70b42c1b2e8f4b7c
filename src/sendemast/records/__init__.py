"""The public record of a post: who wrote it, who approved it, and from what.

A post about the authority's work can fall under the duty to register documents and take notes
(offentlighedsloven §§ 13 and 15); an access-to-documents request (aktindsigt) asks who wrote a post,
who approved it and from what; the EU AI Act (art. 50(4)) asks whether a person held editorial
responsibility for AI-assisted text. The record answers all three.

- ``record.build_record`` — one post's record as data (the JSON), from the team database and the
  drafting history: the text as published, capacity, leader, dates, the approval path with roles and
  reasons, what the machine wrote and what people changed, the check at approval, images with alt text,
  and the notes it was drafted from (marked as an internal working document).
- ``pdf.record_pdf`` — the same as a readable PDF (fpdf2, DejaVu Sans embedded: Danish letters right,
  text extractable).
- ``export.export_records`` — every post of a period as a ZIP: a folder per post and an index CSV.
- ``handoff.handoff_links`` — the addresses that open a post prefilled on its channel: sendemast never
  posts, a person does.

Only someone who may view a leader's posts gets their record (``team.permissions``).
"""
