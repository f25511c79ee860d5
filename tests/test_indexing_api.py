"""indexing_api: publish calls in batches of up to 100 (Google's batch endpoint), each call's answer
read back from the multipart answer by its Content-ID, whatever the order of the parts."""

from __future__ import annotations

from careersite.http_client import Answer, HttpClient
from careersite.indexing_api import _batch_answers, publish_batch, refusal

from notify_stand_ins import BATCH, PUBLISH, Reply, StandIns


def test_a_hundred_calls_go_in_one_batch_and_answers_come_back_in_order():
    calls = [(f"https://jobs.acme.example/jobs/{n}/", "URL_UPDATED") for n in range(100)]
    with StandIns() as google:
        google.script(PUBLISH, *[Reply(200)] * 99, Reply(404, {"error": {"message": "Requested entity was not found."}}))
        answers = publish_batch(HttpClient(retries=0), google.url, "token-1", calls)
    assert len(google.to(BATCH)) == 1
    assert [(r.json()["url"], r.json()["type"]) for r in google.to(PUBLISH)] == calls
    assert [a.status for a in answers] == [200] * 99 + [404]
    assert "Requested entity was not found." in refusal(answers[-1], calls[-1][0], "a@b.c")[0]


def test_batch_answer_parts_are_matched_by_content_id():
    body = (b"--batch_x\r\nContent-Type: application/http\r\nContent-ID: <response-item-1>\r\n\r\n"
            b"HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{\"error\": {}}\r\n"
            b"--batch_x\r\nContent-Type: application/http\r\nContent-ID: <response-item-0>\r\n\r\n"
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{}\r\n--batch_x--\r\n")
    found = _batch_answers(Answer(200, body, {"Content-Type": "multipart/mixed; boundary=batch_x"}))
    assert {n: (a.status, a.body) for n, a in found.items()} == {0: (200, b"{}"), 1: (429, b'{"error": {}}')}


def test_an_answer_to_the_whole_batch_stands_for_each_call():
    with StandIns() as google:
        google.script(BATCH, Reply(401, {"error": {"message": "Request had invalid authentication credentials."}}))
        answers = publish_batch(HttpClient(retries=0), google.url, "stale", [("https://a.example/jobs/1/", "URL_DELETED")] * 2)
    assert [a.status for a in answers] == [401, 401]
    line, stop = refusal(answers[0], "https://a.example/jobs/1/", "a@b.c")
    assert stop and "make a new JSON key" in line
