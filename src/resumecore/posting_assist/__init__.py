"""The posting parser's optional LLM assist: the model proposes, the parser's evidence disposes.

Above ``resumecore.postings`` (the deterministic parser it checks against) and the ports and the
model session it calls, so the parser itself stays free of them.
"""
