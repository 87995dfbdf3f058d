# json.decoder: the names CPython defines there, which concsim keeps in json.py.
from json import JSONDecoder, JSONDecodeError, scanstring
