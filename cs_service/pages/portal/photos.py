"""A document's photos in the SQE portal (R-CT-9).

The photos of a slip or confirmation sheet are its ``photos`` rows: part of what was sent and
signed (nobody changes them while the document waits or after it is signed). The portal serves
a photo only

- for a document the SQE may see (:func:`cs_service.pages.portal.records.stored`),
- when the stored document's rows name the file, and
- when the File record is attached to that document,

never through ``/private/files`` (which the gate refuses an outsider), and only as an image
(``nosniff``, a fixed image type: a file named ``.jpg`` that holds HTML is not served as a page).

Each page carries small thumbnails inline (``data:`` URLs), so the page and its photos arrive
in one request on a slow phone network; a tap loads the photo itself.
"""

from __future__ import annotations

import base64
import io
import os
from urllib.parse import urlencode

import frappe
from frappe.utils import add_to_date, now_datetime
from werkzeug.wrappers import Response

THUMB_SIZE = (240, 240)
THUMB_QUALITY = 55
# what a tap on a thumbnail shows: the photo at a phone screen's size, not the camera's 12 MP
SCREEN_SIZE = (1600, 1600)
SCREEN_QUALITY = 80
SIZES = {"thumb": (THUMB_SIZE, THUMB_QUALITY), "screen": (SCREEN_SIZE, SCREEN_QUALITY)}
CACHE_SECONDS = 7 * 24 * 3600
IMAGE_TYPES = {
	".jpg": "image/jpeg",
	".jpeg": "image/jpeg",
	".png": "image/png",
	".webp": "image/webp",
	".gif": "image/gif",
}
PHOTO_METHOD = "/api/method/cs_service.pages.portal.api.photo"


def photo_rows(doc) -> list:
	return [row for row in doc.get("photos") or [] if row.photo]


def attached_file(doctype: str, name: str, file_url: str):
	"""The File of ``file_url`` attached to the document, if any."""
	return frappe.db.get_value(
		"File",
		{"file_url": file_url, "attached_to_doctype": doctype, "attached_to_name": name, "is_folder": 0},
		["name", "file_url", "file_name", "content_hash", "modified"],
		as_dict=True,
		order_by="creation asc",
	)


def image_type(file_url: str | None) -> str | None:
	return IMAGE_TYPES.get(os.path.splitext((file_url or "").lower())[1])


def document_photos(doc, thumbnails: bool = True) -> list[dict]:
	"""The photos of a stored document the portal may serve: caption, the URL of the portal's
	photo method and a small inline thumbnail."""
	photos = []
	for row in photo_rows(doc):
		file = attached_file(doc.doctype, doc.name, row.photo)
		if not file or not image_type(file.file_url):
			continue
		photos.append(
			{
				"file": file.name,
				"caption": row.caption or "",
				"url": photo_url(doc.doctype, doc.name, file.name, size="screen"),
				"original": photo_url(doc.doctype, doc.name, file.name),
				"thumbnail": thumbnail(file) if thumbnails else "",
			}
		)
	return photos


def photo_url(doctype: str, name: str, file: str, size: str | None = None) -> str:
	query = {"doctype": doctype, "name": name, "file": file, **({"size": size} if size else {})}
	return f"{PHOTO_METHOD}?{urlencode(query)}"


def named_file(doctype: str, name: str, file: str):
	"""The File ``file`` if it is attached to the document, the stored document's rows name it
	and it is an image; else None. (Whether the SQE may see the document is
	:func:`cs_service.pages.portal.records.photo_file`'s to say first.)"""
	if not isinstance(file, str) or not file:
		return None
	row = frappe.db.get_value(
		"File",
		file,
		[
			"name",
			"file_url",
			"file_name",
			"attached_to_doctype",
			"attached_to_name",
			"content_hash",
			"modified",
		],
		as_dict=True,
	)
	if not row or (row.attached_to_doctype, row.attached_to_name) != (doctype, name):
		return None
	named = frappe.get_all(
		"Service Photo",
		filters={"parenttype": doctype, "parent": name, "parentfield": "photos", "photo": row.file_url},
		limit=1,
	)
	if not named or not image_type(row.file_url):
		return None
	return row


def content(file_name: str) -> bytes:
	return frappe.get_doc("File", file_name).get_content()


def response(file, size: str | None = None) -> Response:
	"""The photo's bytes as an image, for the one user who asked: as stored, or made smaller
	(``thumb``, ``screen``) as a JPEG."""
	if size in SIZES:
		data, mimetype = _cached(file, size), "image/jpeg"
	else:
		data, mimetype = content(file.name), image_type(file.file_url)
	result = Response(data, mimetype=mimetype)
	result.headers["X-Content-Type-Options"] = "nosniff"
	result.headers["Cache-Control"] = "private, max-age=3600"
	result.headers["Content-Disposition"] = "inline"
	return result


def thumbnail(file) -> str:
	"""A ``data:`` URL of a small JPEG of the photo."""
	try:
		data = _cached(file, "thumb")
	except Exception:
		return ""  # not a picture Pillow reads: the page still links the photo itself
	return "data:image/jpeg;base64," + base64.b64encode(data).decode()


def _cached(file, size: str) -> bytes:
	"""The photo made smaller (``thumb``, ``screen``), kept in the cache by the file's content:
	decoding a camera's photo is the slow part of a page."""
	(width, height), quality = SIZES[size]
	key = f"cs_service:sqe_photo:{width}x{height}q{quality}:{file.name}:{file.content_hash or file.modified}"
	data = frappe.cache.get_value(key)
	if not data:
		data = _smaller(file, *SIZES[size])
		frappe.cache.set_value(key, data, expires_in_sec=CACHE_SECONDS)
	return data


def _smaller(file, size: tuple[int, int], quality: int) -> bytes:
	"""The photo as a JPEG within ``size``, upright (EXIF orientation applied)."""
	from PIL import Image, ImageOps

	with Image.open(io.BytesIO(content(file.name))) as image:
		image.draft("RGB", (size[0] * 2, size[1] * 2))  # JPEG: decode at a smaller scale, fast
		image = ImageOps.exif_transpose(image).convert("RGB")
		image.thumbnail(size)
		out = io.BytesIO()
		image.save(out, "JPEG", quality=quality, optimize=True)
	return out.getvalue()


def relink_row_photos(doc):
	"""after_insert of a document with ``photos`` rows: a photo uploaded in the desk before the
	document was first saved is attached to the form's temporary name; attach it to the
	document (Frappe does this for the parent's own Attach fields only). Only the uploader's
	files of the last hour, as Frappe's own relinking."""
	temporary = doc.get("__temporary_name")
	if not temporary:
		return
	for row in photo_rows(doc):
		for file in frappe.get_all(
			"File",
			filters={
				"file_url": row.photo,
				"attached_to_doctype": doc.doctype,
				"attached_to_name": temporary,
				"owner": frappe.session.user,
				"creation": (">", add_to_date(now_datetime(), hours=-1)),
			},
			pluck="name",
		):
			frappe.db.set_value("File", file, "attached_to_name", doc.name)
