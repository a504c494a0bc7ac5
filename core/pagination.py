import re

from django.core.paginator import Paginator

# ASCII digits only (str.isdigit() also accepts "²" and "١", which int() refuses or reads), and few
# enough of them that int() never meets Python's limit on the length of a number.
_PAGE_NUMBER = re.compile(r"[0-9]{1,9}")


def page_number(value):
    """The page number a query parameter asks for, or 1 when it is missing or not a plain number."""
    if isinstance(value, str) and _PAGE_NUMBER.fullmatch(value):
        return max(1, int(value))
    return 1


def paginate(request, items, per_page):
    """The page of `items` that ?page= asks for; a page number that is not a number or out of range never fails."""
    paginator = Paginator(items, per_page)
    return paginator.get_page(min(page_number(request.GET.get("page")), paginator.num_pages))
