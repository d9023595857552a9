# Filled in by the pages / API work.
urlpatterns = []
