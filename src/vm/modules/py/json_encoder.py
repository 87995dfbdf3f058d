# json.encoder: the names CPython defines there, which concsim keeps in json.py.
from json import (JSONEncoder, encode_basestring, encode_basestring_ascii,
                  py_encode_basestring, py_encode_basestring_ascii)
